-- A cache miss at the cost of reading the user's own rows, in a statement without a function.
--
-- Why: compile_member (V34) spends most of its time apart from the rows it reads: the plpgsql call,
-- its setting, the rows returned through a tuple store, and a recursive statement for the roles
-- that inclusions reach. Measured on the bench's tenants world, one connection, statements
-- alternated: compile_member 3.65x a SELECT 1, the user's own rows read in one plain statement
-- 2.47x. Inclusions are shared by the members of the organization and move its access revision
-- when they change (V34), so they belong with the shared parts the store keeps: then the store can
-- follow them from the roles the user's assignments name, and the statement only has to read those.
--
-- compile_direct is compile_member with two differences:
--   * r_roles names the roles of the user's live assignments, direct and through the user's teams,
--     not the roles they reach: the caller follows the inclusions;
--   * with the shared parts (when the caller's copy is not this snapshot's) it sends the
--     organization's inclusions, r_includers[i] including r_included[i];
-- and, as before, the folded rows of every reached role the caller does not hold (p_have), whatever
-- the copy, so a caller whose copy lacks a role reached through an inclusion gets it.
--
-- The store calls it when the one plain statement it sends first (the revisions, the user's half of
-- the gate, the assignments' roles and the teams, no function) does not find everything else in
-- the store's copies at this statement's counters: no copy, a copy at other counters, a catalog at
-- another global revision, or a reached role whose row the copy lacks. The answer is then this
-- function's alone, from its own snapshot. compile_member stays for processes of earlier versions.

CREATE FUNCTION compile_direct(p_org uuid, p_user uuid, p_at timestamptz, p_catalog bigint, p_access bigint, p_epoch bigint, p_have uuid[])
RETURNS TABLE(r_kind integer, r_id uuid, r_open boolean, r_revision bigint, r_global bigint, r_valid_until timestamptz,
              r_features uuid[], r_actions text[], r_deny_features uuid[], r_deny_actions text[], r_views uuid[], r_deny_views uuid[],
              r_access bigint, r_epoch bigint, r_roles uuid[], r_teams uuid[], r_org_open boolean, r_org_until timestamptz,
              r_includers uuid[], r_included uuid[])
LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
    v_known boolean;
    v_missing uuid[];
    v_current integer;
BEGIN
    IF p_org IS NULL OR p_user IS NULL OR p_at IS NULL
       OR p_org IS DISTINCT FROM nullif(current_setting('iamkit.org_id', true), '')::uuid THEN
        RETURN;
    END IF;
    -- the user's half of the gate, the revisions, the roles the user's live assignments name (directly and through the user's
    -- teams) with their earliest future expiry, and the user's teams: one statement, so one snapshot and one plan
    SELECT 0, coalesce(c.revision, 0), coalesce(gc.revision, 0), c.access_revision, gc.catalog_epoch,
           EXISTS (SELECT 1 FROM "${flyway:defaultSchema}".app_user u
                    WHERE u.id = p_user AND u.deleted_at IS NULL AND u.status = 'ACTIVE')
           AND EXISTS (SELECT 1 FROM "${flyway:defaultSchema}".membership m
                        WHERE m.org_id = p_org AND m.user_id = p_user AND m.status = 'ACTIVE'),
           d.until, d.roles,
           ARRAY(SELECT t.team_id FROM "${flyway:defaultSchema}".team_member t WHERE t.org_id = p_org AND t.user_id = p_user)
      INTO r_kind, r_revision, r_global, r_access, r_epoch, r_open, r_valid_until, r_roles, r_teams
      FROM (SELECT 1) one
      LEFT JOIN "${flyway:defaultSchema}".global_counter gc ON true
      LEFT JOIN "${flyway:defaultSchema}".org_counter c ON c.org_id = p_org
      LEFT JOIN LATERAL (
            SELECT array_agg(DISTINCT x.role_id) FILTER (WHERE x.expires_at IS NULL OR x.expires_at > p_at) AS roles,
                   min(x.expires_at) FILTER (WHERE x.expires_at > p_at) AS until
              FROM (SELECT a.role_id, a.expires_at FROM "${flyway:defaultSchema}".user_assignment a
                     WHERE a.org_id = p_org AND a.user_id = p_user
                    UNION ALL
                    SELECT a.role_id, a.expires_at FROM "${flyway:defaultSchema}".team_member t
                      JOIN "${flyway:defaultSchema}".team_assignment a ON a.org_id = p_org AND a.team_id = t.team_id
                     WHERE t.org_id = p_org AND t.user_id = p_user) x) d ON true;
    IF NOT coalesce(r_open, false) THEN
        -- shut out by rule 2: nothing of the user's roles or teams is sent
        r_open := false; r_valid_until := NULL; r_roles := NULL; r_teams := NULL;
    END IF;
    -- an organization without a counter row has no copy to match: its shared parts are always sent
    v_known := r_access IS NOT NULL AND r_access = p_access AND r_epoch IS NOT DISTINCT FROM p_epoch;
    IF NOT v_known THEN
        -- the shared parts, now with the organization's inclusions as two arrays of pairs (including, included)
        SELECT EXISTS (SELECT 1 FROM "${flyway:defaultSchema}".organization o
                        WHERE o.id = p_org AND o.deleted_at IS NULL AND o.status = 'ACTIVE'),
               (SELECT array_agg(e.module_id) FROM "${flyway:defaultSchema}".entitlement e
                 WHERE e.org_id = p_org AND e.enabled AND (e.expires_at IS NULL OR e.expires_at > p_at)),
               (SELECT min(e.expires_at) FROM "${flyway:defaultSchema}".entitlement e WHERE e.org_id = p_org AND e.expires_at > p_at),
               coalesce(i.includers, '{}'), coalesce(i.included, '{}')
          INTO r_org_open, r_features, r_org_until, r_includers, r_included
          FROM (SELECT array_agg(i.role_id ORDER BY i.role_id, i.included_role_id) AS includers,
                       array_agg(i.included_role_id ORDER BY i.role_id, i.included_role_id) AS included
                  FROM "${flyway:defaultSchema}".role_inclusion i WHERE i.org_id = p_org) i;
    END IF;
    RETURN NEXT;
    IF r_global IS DISTINCT FROM p_catalog THEN
        -- the caller's catalog is not this snapshot's: every enabled module with its features, their codes and its views (V26)
        RETURN QUERY
            SELECT 5, md.id, NULL::boolean, NULL::bigint, NULL::bigint, NULL::timestamptz,
                   coalesce(f.ids, '{}'), coalesce(f.codes, '{}'), NULL::uuid[], NULL::text[], coalesce(v.ids, '{}'), NULL::uuid[],
                   NULL::bigint, NULL::bigint, NULL::uuid[], NULL::uuid[], NULL::boolean, NULL::timestamptz, NULL::uuid[], NULL::uuid[]
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
    IF r_roles IS NULL THEN
        RETURN;
    END IF;
    -- the roles the assignments reach through inclusions (held_roles' rules, V6), those the caller lacks
    WITH RECURSIVE held(role_id) AS (
            SELECT x FROM unnest(r_roles) x
            UNION
            SELECT i.included_role_id FROM "${flyway:defaultSchema}".role_inclusion i JOIN held h ON i.role_id = h.role_id
             WHERE i.org_id = p_org)
    SELECT array_agg(h.role_id) INTO v_missing FROM held h WHERE NOT (v_known AND p_have IS NOT NULL AND h.role_id = ANY (p_have));
    IF v_missing IS NULL THEN
        RETURN;
    END IF;
    -- their folded rows, where they are current; the others folded here from their grants (V25)
    RETURN QUERY
        SELECT 3, a.role_id, NULL::boolean, NULL::bigint, NULL::bigint, NULL::timestamptz,
               a.allow_features, a.allow_actions, a.deny_features, a.deny_actions, a.allow_views, a.deny_views,
               NULL::bigint, NULL::bigint, NULL::uuid[], NULL::uuid[], NULL::boolean, NULL::timestamptz, NULL::uuid[], NULL::uuid[]
          FROM "${flyway:defaultSchema}".role_access a
         WHERE a.org_id = p_org AND a.role_id = ANY (v_missing) AND a.epoch = r_epoch;
    GET DIAGNOSTICS v_current = ROW_COUNT;
    IF v_current < cardinality(v_missing) THEN
        RETURN QUERY
            SELECT 3, s.role_id, NULL::boolean, NULL::bigint, NULL::bigint, NULL::timestamptz,
                   s.allow_features, s.allow_actions, s.deny_features, s.deny_actions, s.allow_views, s.deny_views,
                   NULL::bigint, NULL::bigint, NULL::uuid[], NULL::uuid[], NULL::boolean, NULL::timestamptz, NULL::uuid[], NULL::uuid[]
              FROM "${flyway:defaultSchema}".role_access_rows(p_org, v_missing) s
             WHERE NOT EXISTS (SELECT 1 FROM "${flyway:defaultSchema}".role_access a
                                WHERE a.org_id = p_org AND a.role_id = s.role_id AND a.epoch = r_epoch);
    END IF;
END
$$;

REVOKE ALL ON FUNCTION compile_direct(uuid, uuid, timestamptz, bigint, bigint, bigint, uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION compile_direct(uuid, uuid, timestamptz, bigint, bigint, bigint, uuid[]) TO "${appRole}";
