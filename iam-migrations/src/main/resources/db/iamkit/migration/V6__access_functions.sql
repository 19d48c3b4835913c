-- Permission checks as SQL functions: one round trip, one cached plan.
--
-- can(org, user, feature, action, at)      the five rules of a feature check, with teams, role
--                                          inclusion, expiry and DENY
-- can_all(org, user, features, actions, at) many checks for one user, answers in the order asked
-- can_view(org, user, view, at)            the same rules for a view
--
-- Each sets the tenant (iamkit.org_id) for its own queries and puts back whatever the caller had,
-- so row level security stays in force and nothing of the call lingers in the caller's
-- transaction. They run as the caller (SECURITY INVOKER): the application role sees through
-- them exactly what it sees through the tables. plpgsql keeps each query's plan for the session,
-- so a call costs the execution, not the planning of a large query.
--
-- A host app filters its own rows with them in its own queries:
--     SELECT ... FROM invoices i WHERE iamkit.can(i.org_id, $1, $2, 'read');
-- They are STABLE: with arguments that do not depend on the row, PostgreSQL evaluates the call
-- once per query ("One-Time Filter"). `at` is the instant expiry is judged at (now() by
-- default; the library passes its clock's).
--
-- An expiry at exactly `at` counts as expired, as in the library. Tables are named with their
-- schema: the functions run with the caller's search_path.

-- The parts every check shares, as SQL functions PostgreSQL inlines into the calling query (a
-- set-returning SQL function with a single SELECT, called with parameters), so they cost no call:
-- held_roles: the roles reaching a user, directly or through a team, unexpired, and the roles
-- those include, transitively (UNION keeps each once, so the walk ends); member_open: rules 1
-- and 2 (organization active, user active with an active membership).
CREATE FUNCTION held_roles(p_org uuid, p_user uuid, p_at timestamptz) RETURNS TABLE(role_id uuid)
LANGUAGE sql STABLE AS $$
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
    SELECT role_id FROM held
$$;

CREATE FUNCTION member_open(p_org uuid, p_user uuid) RETURNS TABLE(open boolean)
LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM "${flyway:defaultSchema}".organization o
                    WHERE o.id = p_org AND o.deleted_at IS NULL AND o.status = 'ACTIVE')
       AND EXISTS (SELECT 1 FROM "${flyway:defaultSchema}".app_user u
                    WHERE u.id = p_user AND u.deleted_at IS NULL AND u.status = 'ACTIVE')
       AND EXISTS (SELECT 1 FROM "${flyway:defaultSchema}".membership m
                    WHERE m.org_id = p_org AND m.user_id = p_user AND m.status = 'ACTIVE')
$$;

CREATE FUNCTION can(p_org uuid, p_user uuid, p_feature uuid, p_action text, p_at timestamptz DEFAULT now())
RETURNS boolean LANGUAGE plpgsql STABLE AS $$
DECLARE
    previous text := current_setting('iamkit.org_id', true);
    answer boolean;
BEGIN
    IF p_org IS NULL OR p_user IS NULL OR p_feature IS NULL OR p_action IS NULL OR p_at IS NULL THEN
        RETURN false;
    END IF;
    PERFORM set_config('iamkit.org_id', p_org::text, true);
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
    PERFORM set_config('iamkit.org_id', coalesce(previous, ''), true);
    RETURN answer;
END
$$;

CREATE FUNCTION can_all(p_org uuid, p_user uuid, p_features uuid[], p_actions text[], p_at timestamptz DEFAULT now())
RETURNS boolean[] LANGUAGE plpgsql STABLE AS $$
DECLARE
    previous text := current_setting('iamkit.org_id', true);
    answers boolean[];
BEGIN
    IF cardinality(p_features) IS DISTINCT FROM cardinality(p_actions) THEN
        RAISE EXCEPTION 'can_all: % features but % actions', cardinality(p_features), cardinality(p_actions)
            USING ERRCODE = '22023';
    END IF;
    IF p_org IS NULL OR p_user IS NULL OR p_at IS NULL THEN
        RETURN array_fill(false, ARRAY[coalesce(cardinality(p_features), 0)]);
    END IF;
    PERFORM set_config('iamkit.org_id', p_org::text, true);
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
    PERFORM set_config('iamkit.org_id', coalesce(previous, ''), true);
    RETURN answers;
END
$$;

CREATE FUNCTION can_view(p_org uuid, p_user uuid, p_view uuid, p_at timestamptz DEFAULT now())
RETURNS boolean LANGUAGE plpgsql STABLE AS $$
DECLARE
    previous text := current_setting('iamkit.org_id', true);
    answer boolean;
BEGIN
    IF p_org IS NULL OR p_user IS NULL OR p_view IS NULL OR p_at IS NULL THEN
        RETURN false;
    END IF;
    PERFORM set_config('iamkit.org_id', p_org::text, true);
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
    PERFORM set_config('iamkit.org_id', coalesce(previous, ''), true);
    RETURN answer;
END
$$;

-- Only the application role (and the owner) may call them.
REVOKE ALL ON FUNCTION held_roles(uuid, uuid, timestamptz) FROM PUBLIC;
REVOKE ALL ON FUNCTION member_open(uuid, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION held_roles(uuid, uuid, timestamptz) TO "${appRole}";
GRANT EXECUTE ON FUNCTION member_open(uuid, uuid) TO "${appRole}";
REVOKE ALL ON FUNCTION can(uuid, uuid, uuid, text, timestamptz) FROM PUBLIC;
REVOKE ALL ON FUNCTION can_all(uuid, uuid, uuid[], text[], timestamptz) FROM PUBLIC;
REVOKE ALL ON FUNCTION can_view(uuid, uuid, uuid, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION can(uuid, uuid, uuid, text, timestamptz) TO "${appRole}";
GRANT EXECUTE ON FUNCTION can_all(uuid, uuid, uuid[], text[], timestamptz) TO "${appRole}";
GRANT EXECUTE ON FUNCTION can_view(uuid, uuid, uuid, timestamptz) TO "${appRole}";
