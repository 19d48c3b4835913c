-- Undoes V31: V30's gate, and no tenant_on_shards.

CREATE OR REPLACE FUNCTION gate_on_citus(p_org uuid, p_user uuid) RETURNS boolean
LANGUAGE plpgsql STABLE AS $$
DECLARE
    open boolean;
BEGIN
    IF p_org IS DISTINCT FROM nullif(current_setting('iamkit.org_id', true), '')::uuid THEN
        RETURN false;
    END IF;
    SELECT EXISTS (SELECT 1 FROM "${flyway:defaultSchema}".organization o WHERE o.id = p_org AND o.deleted_at IS NULL AND o.status = 'ACTIVE')
       AND EXISTS (SELECT 1 FROM "${flyway:defaultSchema}".app_user u WHERE u.id = p_user AND u.deleted_at IS NULL AND u.status = 'ACTIVE')
      INTO open;
    RETURN open;
END
$$;

DROP FUNCTION IF EXISTS tenant_on_shards(uuid);
