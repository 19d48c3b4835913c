-- Undoes V25: V16's compile_access again (below, as V16 made it), without the folded rows, their
-- functions, the catalog epoch and its triggers.
DROP FUNCTION IF EXISTS compile_access(uuid, uuid, timestamptz);
DROP TRIGGER IF EXISTS catalog_epoch ON feature_action;
DROP TRIGGER IF EXISTS catalog_epoch ON catalog_view;
DROP FUNCTION IF EXISTS bump_catalog_epoch();
DROP FUNCTION IF EXISTS refresh_role_access(uuid, uuid[]);
DROP FUNCTION IF EXISTS role_access_rows(uuid, uuid[]);
DROP TABLE IF EXISTS role_access;
ALTER TABLE global_counter DROP COLUMN IF EXISTS catalog_epoch;

CREATE FUNCTION compile_access(p_org uuid, p_user uuid, p_at timestamptz)
RETURNS TABLE(r_kind integer, r_id uuid, r_action text, r_open boolean, r_revision bigint, r_global bigint,
              r_valid_until timestamptz, r_code text)
LANGUAGE plpgsql STABLE
-- Every query below is planned once per session: with custom plans (the default for the first
-- calls, and whenever PostgreSQL estimates them cheaper) the session would plan them again on
-- every call, which costs more than running them.
SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
    v_roles uuid[];
    v_features uuid[];
    v_views uuid[];
BEGIN
    IF p_org IS NULL OR p_user IS NULL OR p_at IS NULL
       OR p_org IS DISTINCT FROM nullif(current_setting('iamkit.org_id', true), '')::uuid THEN
        RETURN;
    END IF;
    -- The gate row, and, when the gate is open, what rules 3 and 4 reach: the reached roles, and
    -- the features and views of the usable modules (each by its table's primary key).
    SELECT 0, g.open,
           coalesce((SELECT c.revision FROM "${flyway:defaultSchema}".org_counter c WHERE c.org_id = p_org), 0),
           coalesce((SELECT gc.revision FROM "${flyway:defaultSchema}".global_counter gc), 0),
           -- the earliest future expiry among what the answer rests on: entitlements and the user's assignments
           CASE WHEN g.open THEN least(
               (SELECT min(e.expires_at) FROM "${flyway:defaultSchema}".entitlement e WHERE e.org_id = p_org AND e.expires_at > p_at),
               (SELECT min(a.expires_at) FROM "${flyway:defaultSchema}".user_assignment a
                 WHERE a.org_id = p_org AND a.user_id = p_user AND a.expires_at > p_at),
               (SELECT min(a.expires_at) FROM "${flyway:defaultSchema}".team_member tm
                  JOIN "${flyway:defaultSchema}".team_assignment a ON a.org_id = tm.org_id AND a.team_id = tm.team_id
                 WHERE tm.org_id = p_org AND tm.user_id = p_user AND a.expires_at > p_at)) END,
           CASE WHEN g.open THEN (SELECT array_agg(h.role_id) FROM "${flyway:defaultSchema}".held_roles(p_org, p_user, p_at) h) END,
           CASE WHEN g.open THEN (SELECT array_agg(DISTINCT mf.feature_id)
                                    FROM "${flyway:defaultSchema}".entitlement e
                                    JOIN "${flyway:defaultSchema}".module md ON md.id = e.module_id
                                    JOIN "${flyway:defaultSchema}".module_feature mf ON mf.module_id = e.module_id
                                   WHERE e.org_id = p_org AND e.enabled AND md.enabled AND (e.expires_at IS NULL OR e.expires_at > p_at)) END,
           CASE WHEN g.open THEN (SELECT array_agg(DISTINCT mv.view_id)
                                    FROM "${flyway:defaultSchema}".entitlement e
                                    JOIN "${flyway:defaultSchema}".module md ON md.id = e.module_id
                                    JOIN "${flyway:defaultSchema}".module_view mv ON mv.module_id = e.module_id
                                   WHERE e.org_id = p_org AND e.enabled AND md.enabled AND (e.expires_at IS NULL OR e.expires_at > p_at)) END
      INTO r_kind, r_open, r_revision, r_global, r_valid_until, v_roles, v_features, v_views
      -- OFFSET 0 keeps the gate a subquery read once, not an expression copied into every CASE
      FROM (SELECT m.open FROM "${flyway:defaultSchema}".member_open(p_org, p_user) m OFFSET 0) g;
    RETURN NEXT;
    IF NOT r_open THEN
        RETURN;
    END IF;
    RETURN QUERY
        SELECT 3, h.role_id, NULL::text, NULL::boolean, NULL::bigint, NULL::bigint, NULL::timestamptz, NULL::text
          FROM unnest(v_roles) h(role_id)
        UNION ALL
        -- every team the user is in, whether or not a role reaches the user through it: an assignment to it would
        SELECT 4, tm.team_id, NULL::text, NULL::boolean, NULL::bigint, NULL::bigint, NULL::timestamptz, NULL::text
          FROM "${flyway:defaultSchema}".team_member tm
         WHERE tm.org_id = p_org AND tm.user_id = p_user;
    IF v_roles IS NULL THEN
        RETURN;
    END IF;
    -- Rules 4 and 5: the entitled permissions and views some reached role allows and none denies.
    RETURN QUERY
        SELECT 1, p.feature_id, p.action, NULL::boolean, NULL::bigint, NULL::bigint, NULL::timestamptz, f.code
          FROM (SELECT g.feature_id, g.action
                  FROM "${flyway:defaultSchema}".feature_grant g
                 -- array_position, not = ANY: as an index condition beside role_id = ANY it would make one
                 -- descent of the index per (role, feature) pair, not one per role
                 WHERE g.org_id = p_org AND g.role_id = ANY (v_roles) AND array_position(v_features, g.feature_id) IS NOT NULL
                 GROUP BY g.feature_id, g.action
                HAVING bool_and(g.effect = 'ALLOW')) p
          JOIN "${flyway:defaultSchema}".feature f ON f.id = p.feature_id
        UNION ALL
        SELECT 2, g.view_id, NULL::text, NULL::boolean, NULL::bigint, NULL::bigint, NULL::timestamptz, NULL::text
          FROM "${flyway:defaultSchema}".view_grant g
         WHERE g.org_id = p_org AND g.role_id = ANY (v_roles) AND g.view_id = ANY (v_views)
         GROUP BY g.view_id
        HAVING bool_and(g.effect = 'ALLOW');
END
$$;

REVOKE ALL ON FUNCTION compile_access(uuid, uuid, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION compile_access(uuid, uuid, timestamptz) TO "${appRole}";
