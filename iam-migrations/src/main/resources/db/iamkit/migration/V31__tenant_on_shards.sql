-- The check functions on Citus (V29, V30) asked the workers with the tenant the coordinator saw.
-- A host that set the tenant with set_config(), or with SET LOCAL outside a transaction block,
-- had it on the coordinator only: the workers' row level security then hid the membership and the
-- grants, and can() answered false where it should have answered true. Now, before a check reads
-- a shard, tenant_on_shards() makes sure the organization's shard sees the tenant: it asks that
-- shard for its setting in one statement routed there; where the answer differs it sets the tenant
-- with SET LOCAL (which Citus carries to the workers inside a transaction block) and asks again,
-- and refuses (42501) if the shard still does not see it, never answering false. It remembers
-- the tenant it made sure of for the rest of the transaction (iamkit.tenant_on_shards), and the
-- store sets that mark with its own SET LOCAL, so the store's checks pay no extra statement.
-- On plain PostgreSQL the check functions do not take this path (V29).

CREATE FUNCTION tenant_on_shards(p_org uuid) RETURNS void
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    seen text;
    n    bigint;
BEGIN
    -- it carries the tenant that is set, never another: it cannot switch a transaction's tenant
    IF nullif(current_setting('iamkit.org_id', true), '')::uuid IS DISTINCT FROM p_org THEN
        RAISE EXCEPTION 'tenant_on_shards carries the tenant that is set to the workers, no other' USING ERRCODE = '42501';
    END IF;
    IF current_setting('iamkit.tenant_on_shards', true) = p_org::text THEN
        RETURN;
    END IF;
    -- evaluated on the shard's worker: Citus sends the whole statement there
    SELECT count(*), current_setting('iamkit.org_id', true) INTO n, seen
      FROM "${flyway:defaultSchema}".org_counter c WHERE c.org_id = p_org;
    IF nullif(seen, '')::uuid IS DISTINCT FROM p_org THEN
        EXECUTE format('SET LOCAL iamkit.org_id = %L', p_org);
        SELECT count(*), current_setting('iamkit.org_id', true) INTO n, seen
          FROM "${flyway:defaultSchema}".org_counter c WHERE c.org_id = p_org;
        IF nullif(seen, '')::uuid IS DISTINCT FROM p_org THEN
            RAISE EXCEPTION 'on Citus a check needs a transaction block (BEGIN ... COMMIT): the tenant set here does not reach the workers'
                USING ERRCODE = '42501';
        END IF;
    END IF;
    PERFORM set_config('iamkit.tenant_on_shards', p_org::text, true);
END
$$;

REVOKE ALL ON FUNCTION tenant_on_shards(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tenant_on_shards(uuid) TO "${appRole}";

-- V30's gate, which every check on Citus calls first for the tenant that is set, now makes sure
-- the shards see that tenant before it reads anything.
CREATE OR REPLACE FUNCTION gate_on_citus(p_org uuid, p_user uuid) RETURNS boolean
LANGUAGE plpgsql STABLE AS $$
DECLARE
    open boolean;
BEGIN
    IF p_org IS DISTINCT FROM nullif(current_setting('iamkit.org_id', true), '')::uuid THEN
        RETURN false;
    END IF;
    PERFORM "${flyway:defaultSchema}".tenant_on_shards(p_org);
    SELECT EXISTS (SELECT 1 FROM "${flyway:defaultSchema}".organization o WHERE o.id = p_org AND o.deleted_at IS NULL AND o.status = 'ACTIVE')
       AND EXISTS (SELECT 1 FROM "${flyway:defaultSchema}".app_user u WHERE u.id = p_user AND u.deleted_at IS NULL AND u.status = 'ACTIVE')
      INTO open;
    RETURN open;
END
$$;
