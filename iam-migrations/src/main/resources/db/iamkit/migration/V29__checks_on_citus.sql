-- can, can_all and can_view on Citus (issue 15). Their one statement (V12) reads the tenant's tables
-- through SQL functions called with parameters (held_roles, member_open), which Citus cannot plan
-- ("could not create distributed plan"), and a user row under a policy that asks the membership,
-- which Citus cannot run on a worker inside the statement it sends there; and with no tenant set
-- they set it with set_config, which does not reach the workers. So the answer was false whatever
-- the grants. On a database with Citus they now take a path of their own: one table a statement
-- where a user row is read (that statement runs on the coordinator), the held roles read once
-- into an array, every other statement filtered by the organization, so Citus sends it to the
-- organization's shard. There, the tenant must be set (SET LOCAL iamkit.org_id in a transaction
-- block, which Citus carries to the workers with citus.propagate_set_commands = 'local'): called
-- with none, they refuse (42501, as a check across tenants is refused) instead of answering
-- false. On plain PostgreSQL they are V12's,
-- after one catalog lookup that finds no Citus.

-- The policy that lets a tenant read the rows of its members (V12) asks the membership with the
-- tenant as a value, not as an expression of the setting: Citus sends a statement to one shard only
-- when it can read the organization from it, and otherwise asks every shard (found with
-- citus.multi_task_query_log_level = error on a real cluster). Plain PostgreSQL plans it the same.
CREATE OR REPLACE FUNCTION user_in_tenant(p_user uuid) RETURNS boolean
LANGUAGE plpgsql STABLE AS $$
DECLARE
    tenant uuid := nullif(current_setting('iamkit.org_id', true), '')::uuid;
BEGIN
    IF tenant IS NULL THEN
        RETURN false;
    END IF;
    RETURN EXISTS (SELECT 1 FROM "${flyway:defaultSchema}".membership m WHERE m.org_id = tenant AND m.user_id = p_user);
END
$$;

-- Rules 1 and 2, one statement a table: the read of the user row, alone, runs on the coordinator,
-- where its policy may ask the membership.
CREATE FUNCTION gate_on_citus(p_org uuid, p_user uuid) RETURNS boolean
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

-- Rules 1 to 5 for each (feature, action) of the arrays, under the tenant that is set.
CREATE FUNCTION checks_on_citus(p_org uuid, p_user uuid, p_features uuid[], p_actions text[], p_at timestamptz)
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

-- The roles reaching the user, as held_roles (V6) reads them, in one statement of plpgsql (which Citus plans).
CREATE FUNCTION held_roles_on_citus(p_org uuid, p_user uuid, p_at timestamptz) RETURNS uuid[]
LANGUAGE plpgsql STABLE AS $$
DECLARE
    roles uuid[];
BEGIN
    WITH RECURSIVE held(role_id) AS (
        SELECT a.role_id FROM "${flyway:defaultSchema}".user_assignment a
         WHERE a.org_id = p_org AND a.user_id = p_user AND (a.expires_at IS NULL OR a.expires_at > p_at)
        UNION
        SELECT a.role_id FROM "${flyway:defaultSchema}".team_member tm
          JOIN "${flyway:defaultSchema}".team_assignment a ON a.org_id = tm.org_id AND a.team_id = tm.team_id
         WHERE tm.org_id = p_org AND tm.user_id = p_user AND (a.expires_at IS NULL OR a.expires_at > p_at)
        UNION
        SELECT i.included_role_id FROM "${flyway:defaultSchema}".role_inclusion i JOIN held h ON i.role_id = h.role_id
         WHERE i.org_id = p_org
    )
    SELECT coalesce(array_agg(role_id), '{}') FROM held INTO roles;
    RETURN roles;
END
$$;

-- Rules 1 to 5 for a view, under the tenant that is set.
CREATE FUNCTION view_check_on_citus(p_org uuid, p_user uuid, p_view uuid, p_at timestamptz)
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

REVOKE ALL ON FUNCTION gate_on_citus(uuid, uuid) FROM PUBLIC;
REVOKE ALL ON FUNCTION checks_on_citus(uuid, uuid, uuid[], text[], timestamptz) FROM PUBLIC;
REVOKE ALL ON FUNCTION held_roles_on_citus(uuid, uuid, timestamptz) FROM PUBLIC;
REVOKE ALL ON FUNCTION view_check_on_citus(uuid, uuid, uuid, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gate_on_citus(uuid, uuid) TO "${appRole}";
GRANT EXECUTE ON FUNCTION checks_on_citus(uuid, uuid, uuid[], text[], timestamptz) TO "${appRole}";
GRANT EXECUTE ON FUNCTION held_roles_on_citus(uuid, uuid, timestamptz) TO "${appRole}";
GRANT EXECUTE ON FUNCTION view_check_on_citus(uuid, uuid, uuid, timestamptz) TO "${appRole}";

-- V12's functions, each with its path on Citus first.
CREATE OR REPLACE FUNCTION can(p_org uuid, p_user uuid, p_feature uuid, p_action text, p_at timestamptz DEFAULT now())
RETURNS boolean LANGUAGE plpgsql STABLE AS $$
DECLARE
    tenant uuid := nullif(current_setting('iamkit.org_id', true), '')::uuid;
    answer boolean;
BEGIN
    IF p_org IS NULL OR p_user IS NULL OR p_feature IS NULL OR p_action IS NULL OR p_at IS NULL THEN
        RETURN false;
    END IF;
    IF to_regclass('pg_catalog.pg_dist_partition') IS NOT NULL THEN
        RETURN ("${flyway:defaultSchema}".checks_on_citus(p_org, p_user, ARRAY[p_feature], ARRAY[p_action], p_at))[1];
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
    IF to_regclass('pg_catalog.pg_dist_partition') IS NOT NULL THEN
        RETURN "${flyway:defaultSchema}".checks_on_citus(p_org, p_user, p_features, p_actions, p_at);
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
    IF to_regclass('pg_catalog.pg_dist_partition') IS NOT NULL THEN
        RETURN "${flyway:defaultSchema}".view_check_on_citus(p_org, p_user, p_view, p_at);
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
