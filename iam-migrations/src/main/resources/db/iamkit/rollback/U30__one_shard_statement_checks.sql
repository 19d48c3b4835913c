-- Undoes V30: the check functions' path on Citus as V29 left it, one statement a table.

CREATE OR REPLACE FUNCTION gate_on_citus(p_org uuid, p_user uuid) RETURNS boolean
LANGUAGE plpgsql STABLE AS $$
DECLARE
    open boolean;
BEGIN
    SELECT EXISTS (SELECT 1 FROM "${flyway:defaultSchema}".organization o WHERE o.id = p_org AND o.deleted_at IS NULL AND o.status = 'ACTIVE')
      INTO open;
    IF open THEN
        SELECT EXISTS (SELECT 1 FROM "${flyway:defaultSchema}".app_user u WHERE u.id = p_user AND u.deleted_at IS NULL AND u.status = 'ACTIVE')
          INTO open;
    END IF;
    IF open THEN
        SELECT EXISTS (SELECT 1 FROM "${flyway:defaultSchema}".membership m
                        WHERE m.org_id = p_org AND m.user_id = p_user AND m.status = 'ACTIVE')
          INTO open;
    END IF;
    RETURN open;
END
$$;

CREATE OR REPLACE FUNCTION checks_on_citus(p_org uuid, p_user uuid, p_features uuid[], p_actions text[], p_at timestamptz)
RETURNS boolean[] LANGUAGE plpgsql STABLE AS $$
DECLARE
    tenant  uuid := nullif(current_setting('iamkit.org_id', true), '')::uuid;
    n       int := coalesce(cardinality(p_features), 0);
    open    boolean;
    roles   uuid[];
    answer  boolean;
    answers boolean[] := array_fill(false, ARRAY[n]);
BEGIN
    IF tenant IS NULL THEN
        RAISE EXCEPTION 'on Citus a check needs the tenant set in the transaction (SET LOCAL iamkit.org_id), which Citus carries to the workers'
            USING ERRCODE = '42501';
    END IF;
    IF p_org IS NULL OR p_user IS NULL OR p_at IS NULL OR tenant <> p_org OR n = 0 THEN
        RETURN answers;
    END IF;
    open := "${flyway:defaultSchema}".gate_on_citus(p_org, p_user);
    IF NOT open THEN
        RETURN answers;
    END IF;
    roles := "${flyway:defaultSchema}".held_roles_on_citus(p_org, p_user, p_at);
    FOR i IN 1 .. n LOOP
        IF p_features[i] IS NOT NULL AND p_actions[i] IS NOT NULL THEN
            SELECT EXISTS (SELECT 1 FROM "${flyway:defaultSchema}".entitlement e
                             JOIN "${flyway:defaultSchema}".module md ON md.id = e.module_id
                             JOIN "${flyway:defaultSchema}".module_feature mf ON mf.module_id = e.module_id
                            WHERE e.org_id = p_org AND mf.feature_id = p_features[i] AND e.enabled AND md.enabled
                              AND (e.expires_at IS NULL OR e.expires_at > p_at))
               AND coalesce((SELECT bool_or(g.effect = 'ALLOW') AND NOT bool_or(g.effect = 'DENY')
                               FROM "${flyway:defaultSchema}".feature_grant g
                              WHERE g.org_id = p_org AND g.feature_id = p_features[i] AND g.action = p_actions[i]
                                AND g.role_id = ANY (roles)), false)
              INTO answer;
            answers[i] := answer;
        END IF;
    END LOOP;
    RETURN answers;
END
$$;

CREATE OR REPLACE FUNCTION view_check_on_citus(p_org uuid, p_user uuid, p_view uuid, p_at timestamptz)
RETURNS boolean LANGUAGE plpgsql STABLE AS $$
DECLARE
    tenant uuid := nullif(current_setting('iamkit.org_id', true), '')::uuid;
    roles  uuid[];
    answer boolean;
BEGIN
    IF tenant IS NULL THEN
        RAISE EXCEPTION 'on Citus a check needs the tenant set in the transaction (SET LOCAL iamkit.org_id), which Citus carries to the workers'
            USING ERRCODE = '42501';
    END IF;
    IF p_org IS NULL OR p_user IS NULL OR p_view IS NULL OR p_at IS NULL OR tenant <> p_org
       OR NOT "${flyway:defaultSchema}".gate_on_citus(p_org, p_user) THEN
        RETURN false;
    END IF;
    roles := "${flyway:defaultSchema}".held_roles_on_citus(p_org, p_user, p_at);
    SELECT EXISTS (SELECT 1 FROM "${flyway:defaultSchema}".entitlement e
                     JOIN "${flyway:defaultSchema}".module md ON md.id = e.module_id
                     JOIN "${flyway:defaultSchema}".module_view mv ON mv.module_id = e.module_id
                    WHERE e.org_id = p_org AND mv.view_id = p_view AND e.enabled AND md.enabled
                      AND (e.expires_at IS NULL OR e.expires_at > p_at))
       AND coalesce((SELECT bool_or(g.effect = 'ALLOW') AND NOT bool_or(g.effect = 'DENY')
                       FROM "${flyway:defaultSchema}".view_grant g
                      WHERE g.org_id = p_org AND g.view_id = p_view AND g.role_id = ANY (roles)), false)
      INTO answer;
    RETURN answer;
END
$$;
