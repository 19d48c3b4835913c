-- Undoes V29: can, can_all, can_view and user_in_tenant as V12 left them, and the paths on Citus dropped.
CREATE OR REPLACE FUNCTION user_in_tenant(p_user uuid) RETURNS boolean
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN EXISTS (SELECT 1 FROM "${flyway:defaultSchema}".membership m
                    WHERE m.org_id = nullif(current_setting('iamkit.org_id', true), '')::uuid AND m.user_id = p_user);
END
$$;

CREATE OR REPLACE FUNCTION can(p_org uuid, p_user uuid, p_feature uuid, p_action text, p_at timestamptz DEFAULT now())
RETURNS boolean LANGUAGE plpgsql STABLE AS $$
DECLARE
    tenant uuid := nullif(current_setting('iamkit.org_id', true), '')::uuid;
    answer boolean;
BEGIN
    IF p_org IS NULL OR p_user IS NULL OR p_feature IS NULL OR p_action IS NULL OR p_at IS NULL THEN
        RETURN false;
    END IF;
    IF tenant IS NULL THEN
        IF p_user IS DISTINCT FROM nullif(current_setting('iamkit.user_id', true), '')::uuid THEN
            RETURN false;
        END IF;
        PERFORM set_config('iamkit.org_id', p_org::text, true);
    ELSIF tenant <> p_org THEN
        RETURN false;
    END IF;
    SELECT (SELECT open FROM "${flyway:defaultSchema}".member_open(p_org, p_user))
       AND EXISTS (SELECT 1 FROM "${flyway:defaultSchema}".entitlement e
                     JOIN "${flyway:defaultSchema}".module md ON md.id = e.module_id
                     JOIN "${flyway:defaultSchema}".module_feature mf ON mf.module_id = e.module_id
                    WHERE e.org_id = p_org AND mf.feature_id = p_feature AND e.enabled AND md.enabled
                      AND (e.expires_at IS NULL OR e.expires_at > p_at))
       AND coalesce((SELECT bool_or(g.effect = 'ALLOW') AND NOT bool_or(g.effect = 'DENY')
                       FROM "${flyway:defaultSchema}".feature_grant g
                      WHERE g.org_id = p_org AND g.feature_id = p_feature AND g.action = p_action
                        AND g.role_id IN (SELECT role_id FROM "${flyway:defaultSchema}".held_roles(p_org, p_user, p_at))), false)
      INTO answer;
    IF tenant IS NULL THEN
        PERFORM set_config('iamkit.org_id', '', true);
    END IF;
    RETURN answer;
END
$$;

CREATE OR REPLACE FUNCTION can_all(p_org uuid, p_user uuid, p_features uuid[], p_actions text[], p_at timestamptz DEFAULT now())
RETURNS boolean[] LANGUAGE plpgsql STABLE AS $$
DECLARE
    tenant uuid := nullif(current_setting('iamkit.org_id', true), '')::uuid;
    answers boolean[];
BEGIN
    IF cardinality(p_features) IS DISTINCT FROM cardinality(p_actions) THEN
        RAISE EXCEPTION 'can_all: % features but % actions', cardinality(p_features), cardinality(p_actions)
            USING ERRCODE = '22023';
    END IF;
    IF p_org IS NULL OR p_user IS NULL OR p_at IS NULL
       OR (tenant IS NULL AND p_user IS DISTINCT FROM nullif(current_setting('iamkit.user_id', true), '')::uuid)
       OR tenant <> p_org THEN
        RETURN array_fill(false, ARRAY[coalesce(cardinality(p_features), 0)]);
    END IF;
    IF tenant IS NULL THEN
        PERFORM set_config('iamkit.org_id', p_org::text, true);
    END IF;
    SELECT coalesce(array_agg(
               (SELECT open FROM "${flyway:defaultSchema}".member_open(p_org, p_user))
               AND q.f IS NOT NULL AND q.a IS NOT NULL
               AND EXISTS (SELECT 1 FROM "${flyway:defaultSchema}".entitlement e
                             JOIN "${flyway:defaultSchema}".module md ON md.id = e.module_id
                             JOIN "${flyway:defaultSchema}".module_feature mf ON mf.module_id = e.module_id
                            WHERE e.org_id = p_org AND mf.feature_id = q.f AND e.enabled AND md.enabled
                              AND (e.expires_at IS NULL OR e.expires_at > p_at))
               AND coalesce((SELECT bool_or(g.effect = 'ALLOW') AND NOT bool_or(g.effect = 'DENY')
                               FROM "${flyway:defaultSchema}".feature_grant g
                              WHERE g.org_id = p_org AND g.feature_id = q.f AND g.action = q.a
                                AND g.role_id IN (SELECT role_id FROM "${flyway:defaultSchema}".held_roles(p_org, p_user, p_at))), false)
               ORDER BY q.i), '{}')
      FROM unnest(p_features, p_actions) WITH ORDINALITY AS q(f, a, i)
      INTO answers;
    IF tenant IS NULL THEN
        PERFORM set_config('iamkit.org_id', '', true);
    END IF;
    RETURN answers;
END
$$;

CREATE OR REPLACE FUNCTION can_view(p_org uuid, p_user uuid, p_view uuid, p_at timestamptz DEFAULT now())
RETURNS boolean LANGUAGE plpgsql STABLE AS $$
DECLARE
    tenant uuid := nullif(current_setting('iamkit.org_id', true), '')::uuid;
    answer boolean;
BEGIN
    IF p_org IS NULL OR p_user IS NULL OR p_view IS NULL OR p_at IS NULL THEN
        RETURN false;
    END IF;
    IF tenant IS NULL THEN
        IF p_user IS DISTINCT FROM nullif(current_setting('iamkit.user_id', true), '')::uuid THEN
            RETURN false;
        END IF;
        PERFORM set_config('iamkit.org_id', p_org::text, true);
    ELSIF tenant <> p_org THEN
        RETURN false;
    END IF;
    SELECT (SELECT open FROM "${flyway:defaultSchema}".member_open(p_org, p_user))
       AND EXISTS (SELECT 1 FROM "${flyway:defaultSchema}".entitlement e
                     JOIN "${flyway:defaultSchema}".module md ON md.id = e.module_id
                     JOIN "${flyway:defaultSchema}".module_view mv ON mv.module_id = e.module_id
                    WHERE e.org_id = p_org AND mv.view_id = p_view AND e.enabled AND md.enabled
                      AND (e.expires_at IS NULL OR e.expires_at > p_at))
       AND coalesce((SELECT bool_or(g.effect = 'ALLOW') AND NOT bool_or(g.effect = 'DENY')
                       FROM "${flyway:defaultSchema}".view_grant g
                      WHERE g.org_id = p_org AND g.view_id = p_view
                        AND g.role_id IN (SELECT role_id FROM "${flyway:defaultSchema}".held_roles(p_org, p_user, p_at))), false)
      INTO answer;
    IF tenant IS NULL THEN
        PERFORM set_config('iamkit.org_id', '', true);
    END IF;
    RETURN answer;
END
$$;

DROP FUNCTION IF EXISTS view_check_on_citus(uuid, uuid, uuid, timestamptz);
DROP FUNCTION IF EXISTS checks_on_citus(uuid, uuid, uuid[], text[], timestamptz);
DROP FUNCTION IF EXISTS held_roles_on_citus(uuid, uuid, timestamptz);
DROP FUNCTION IF EXISTS gate_on_citus(uuid, uuid);
