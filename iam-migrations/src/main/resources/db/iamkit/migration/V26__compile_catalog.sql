-- compile_access leaves the catalog to the caller: the gate row names the entitled modules, and
-- what a module contains (its features with their codes, its views) is sent only when the caller's
-- copy of the catalog is not the one this snapshot reads.
--
-- Why: the catalog is global and changes rarely, but V25's compile read every entitled module's
-- features with their codes and its views on every cache miss: half of the function's server time
-- (86 and 25 µs of 223 in a loop on the bench world), and arrays of 50 uuids and codes to send and
-- parse. The caller passes the global revision its copy was read at (p_catalog, or any other value
-- to ask for one); every change to a module, a feature, their links or a module's views moves the
-- global revision (V15), so when p_catalog equals this snapshot's global revision the caller's copy
-- is exact for it. Otherwise one row per enabled module follows the gate, read in the same
-- snapshot, and the caller keeps them as its copy at the gate's revision.
--
--   r_kind  r_id    r_open  r_revision  r_global  r_valid_until    r_features          r_actions          r_deny_features  r_deny_actions  r_views          r_deny_views
--   0       -       gate    revision    global    earliest expiry  entitled modules    -                  -                -               -                -             exactly one row
--   5       module  -       -           -         -                its features        their codes        -                -               its views        -             each enabled module, when p_catalog is not r_global (gate open)
--   4       team    -       -           -         -                -                   -                  -                -               -                -             each team the user is in (gate open)
--   3       role    -       -           -         -                allowed features    allowed actions    denied features  denied actions  allowed views    denied views  each role reaching the user (gate open)
--
-- Entitled modules are those of enabled, unexpired entitlements; a module the catalog disables has
-- no kind-5 row, so the caller finds nothing in it. Rules 3 to 5 are applied by the caller, as since V25.
DROP FUNCTION compile_access(uuid, uuid, timestamptz);
CREATE FUNCTION compile_access(p_org uuid, p_user uuid, p_at timestamptz, p_catalog bigint)
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
           CASE WHEN g.open THEN (SELECT array_agg(e.module_id) FROM "${flyway:defaultSchema}".entitlement e
                                   WHERE e.org_id = p_org AND e.enabled AND (e.expires_at IS NULL OR e.expires_at > p_at)) END
      INTO r_kind, r_open, r_revision, r_global, v_epoch, r_valid_until, v_roles, r_features
      -- OFFSET 0 keeps the gate a subquery read once, not an expression copied into every CASE
      FROM (SELECT m.open FROM "${flyway:defaultSchema}".member_open(p_org, p_user) m OFFSET 0) g
      LEFT JOIN "${flyway:defaultSchema}".global_counter gc ON true;
    RETURN NEXT;
    IF NOT r_open THEN
        RETURN;
    END IF;
    IF r_global IS DISTINCT FROM p_catalog THEN
        -- the caller's catalog is not this snapshot's: every enabled module with its features, their codes and its views
        RETURN QUERY
            SELECT 5, md.id, NULL::boolean, NULL::bigint, NULL::bigint, NULL::timestamptz,
                   coalesce(f.ids, '{}'), coalesce(f.codes, '{}'), NULL::uuid[], NULL::text[], coalesce(v.ids, '{}'), NULL::uuid[]
              FROM "${flyway:defaultSchema}".module md
              LEFT JOIN LATERAL (SELECT array_agg(ft.id ORDER BY ft.id) AS ids, array_agg(ft.code ORDER BY ft.id) AS codes
                                   FROM "${flyway:defaultSchema}".module_feature mf
                                   JOIN "${flyway:defaultSchema}".feature ft ON ft.id = mf.feature_id
                                  WHERE mf.module_id = md.id) f ON true
              LEFT JOIN LATERAL (SELECT array_agg(mv.view_id ORDER BY mv.view_id) AS ids
                                   FROM "${flyway:defaultSchema}".module_view mv
                                  WHERE mv.module_id = md.id) v ON true
             WHERE md.enabled;
    END IF;
    r_open := NULL; r_revision := NULL; r_global := NULL; r_valid_until := NULL; r_features := NULL;
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

REVOKE ALL ON FUNCTION compile_access(uuid, uuid, timestamptz, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION compile_access(uuid, uuid, timestamptz, bigint) TO "${appRole}";
