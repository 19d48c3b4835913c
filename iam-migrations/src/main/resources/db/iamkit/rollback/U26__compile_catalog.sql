-- Undoes V26: V25's compile_access again (below, as V25 made it), which reads the entitled catalog itself.
DROP FUNCTION IF EXISTS compile_access(uuid, uuid, timestamptz, bigint);

CREATE FUNCTION compile_access(p_org uuid, p_user uuid, p_at timestamptz)
RETURNS TABLE(r_kind integer, r_id uuid, r_open boolean, r_revision bigint, r_global bigint, r_valid_until timestamptz,
              r_features uuid[], r_actions text[], r_deny_features uuid[], r_deny_actions text[], r_views uuid[], r_deny_views uuid[])
LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
    v_roles uuid[];
    v_epoch bigint;
    v_current integer;
BEGIN
    IF p_org IS NULL OR p_user IS NULL OR p_at IS NULL
       OR p_org IS DISTINCT FROM nullif(current_setting('iamkit.org_id', true), '')::uuid THEN
        RETURN;
    END IF;
    SELECT 0, g.open,
           coalesce((SELECT c.revision FROM "${flyway:defaultSchema}".org_counter c WHERE c.org_id = p_org), 0),
           coalesce(gc.revision, 0), gc.catalog_epoch,
           CASE WHEN g.open THEN least(
               (SELECT min(e.expires_at) FROM "${flyway:defaultSchema}".entitlement e WHERE e.org_id = p_org AND e.expires_at > p_at),
               (SELECT min(a.expires_at) FROM "${flyway:defaultSchema}".user_assignment a
                 WHERE a.org_id = p_org AND a.user_id = p_user AND a.expires_at > p_at),
               (SELECT min(a.expires_at) FROM "${flyway:defaultSchema}".team_member tm
                  JOIN "${flyway:defaultSchema}".team_assignment a ON a.org_id = tm.org_id AND a.team_id = tm.team_id
                 WHERE tm.org_id = p_org AND tm.user_id = p_user AND a.expires_at > p_at)) END,
           CASE WHEN g.open THEN (SELECT array_agg(h.role_id) FROM "${flyway:defaultSchema}".held_roles(p_org, p_user, p_at) h) END,
           ef.ids, ef.codes, ev.ids
      INTO r_kind, r_open, r_revision, r_global, v_epoch, r_valid_until, v_roles, r_features, r_actions, r_views
      -- OFFSET 0 keeps the gate a subquery read once, not an expression copied into every CASE
      FROM (SELECT m.open FROM "${flyway:defaultSchema}".member_open(p_org, p_user) m OFFSET 0) g
      LEFT JOIN "${flyway:defaultSchema}".global_counter gc ON true
      LEFT JOIN LATERAL (SELECT array_agg(f.id ORDER BY f.id) AS ids, array_agg(f.code ORDER BY f.id) AS codes
                           FROM "${flyway:defaultSchema}".feature f
                          WHERE f.id IN (SELECT mf.feature_id
                                           FROM "${flyway:defaultSchema}".entitlement e
                                           JOIN "${flyway:defaultSchema}".module md ON md.id = e.module_id
                                           JOIN "${flyway:defaultSchema}".module_feature mf ON mf.module_id = e.module_id
                                          WHERE e.org_id = p_org AND e.enabled AND md.enabled
                                            AND (e.expires_at IS NULL OR e.expires_at > p_at))) ef ON g.open
      LEFT JOIN LATERAL (SELECT array_agg(DISTINCT mv.view_id) AS ids
                           FROM "${flyway:defaultSchema}".entitlement e
                           JOIN "${flyway:defaultSchema}".module md ON md.id = e.module_id
                           JOIN "${flyway:defaultSchema}".module_view mv ON mv.module_id = e.module_id
                          WHERE e.org_id = p_org AND e.enabled AND md.enabled
                            AND (e.expires_at IS NULL OR e.expires_at > p_at)) ev ON g.open;
    RETURN NEXT;
    IF NOT r_open THEN
        RETURN;
    END IF;
    r_open := NULL; r_revision := NULL; r_global := NULL; r_valid_until := NULL;
    r_features := NULL; r_actions := NULL; r_views := NULL;
    -- every team the user is in, whether or not a role reaches the user through it: an assignment to it would
    RETURN QUERY
        SELECT 4, tm.team_id, NULL::boolean, NULL::bigint, NULL::bigint, NULL::timestamptz,
               NULL::uuid[], NULL::text[], NULL::uuid[], NULL::text[], NULL::uuid[], NULL::uuid[]
          FROM "${flyway:defaultSchema}".team_member tm
         WHERE tm.org_id = p_org AND tm.user_id = p_user;
    IF v_roles IS NULL THEN
        RETURN;
    END IF;
    -- the reached roles' folded rows, where they are current; the others folded here from their grants
    RETURN QUERY
        SELECT 3, a.role_id, NULL::boolean, NULL::bigint, NULL::bigint, NULL::timestamptz,
               a.allow_features, a.allow_actions, a.deny_features, a.deny_actions, a.allow_views, a.deny_views
          FROM "${flyway:defaultSchema}".role_access a
         WHERE a.org_id = p_org AND a.role_id = ANY (v_roles) AND a.epoch = v_epoch;
    GET DIAGNOSTICS v_current = ROW_COUNT;
    IF v_current < cardinality(v_roles) THEN
        RETURN QUERY
            SELECT 3, s.role_id, NULL::boolean, NULL::bigint, NULL::bigint, NULL::timestamptz,
                   s.allow_features, s.allow_actions, s.deny_features, s.deny_actions, s.allow_views, s.deny_views
              FROM "${flyway:defaultSchema}".role_access_rows(p_org, v_roles) s
             WHERE NOT EXISTS (SELECT 1 FROM "${flyway:defaultSchema}".role_access a
                                WHERE a.org_id = p_org AND a.role_id = s.role_id AND a.epoch = v_epoch);
    END IF;
END
$$;

REVOKE ALL ON FUNCTION compile_access(uuid, uuid, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION compile_access(uuid, uuid, timestamptz) TO "${appRole}";
