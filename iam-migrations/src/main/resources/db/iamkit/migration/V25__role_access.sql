-- role_access: each role's own grants, folded into one row of arrays, so that compiling a user's
-- access reads one row per role reaching the user instead of every grant of those roles.
--
-- Why: compile_access (V16) read each reached role's grants by key, then grouped and sorted them
-- in the server (80 grant rows for a user of 4 roles in the bench world: most of a compile's
-- time). Folded per role, the same compile reads 4 rows, and the client applies "some role allows
-- and none denies" over the arrays. Per role, not per user: a change to a role's grants rewrites
-- one row however many users hold the role.
--
-- The store rewrites a role's row in the transaction that changes the role's grants
-- (refresh_role_access). Two things change grants without the store touching the role: deleting a
-- feature, one of its actions or a view cascades into every organization's grants. Those move
-- global_counter.catalog_epoch (a trigger, in the deleting transaction), and a row is used only
-- while its epoch is the current one: otherwise, or when a role has no row, compile_access folds
-- that role's grants itself, as before. So a row never answers for grants that are gone, and an
-- action deleted and then created again does not bring back a grant the cascade removed.
--
-- Arrays are parallel and ordered by (feature, action): allow_features[i] with allow_actions[i].

ALTER TABLE global_counter ADD COLUMN catalog_epoch bigint NOT NULL DEFAULT 0 CHECK (catalog_epoch >= 0);

CREATE TABLE role_access (
    org_id          uuid   NOT NULL,
    role_id         uuid   NOT NULL,
    epoch           bigint NOT NULL,
    allow_features  uuid[] NOT NULL,
    allow_actions   text[] NOT NULL,
    deny_features   uuid[] NOT NULL,
    deny_actions    text[] NOT NULL,
    allow_views     uuid[] NOT NULL,
    deny_views      uuid[] NOT NULL,
    PRIMARY KEY (org_id, role_id),
    FOREIGN KEY (org_id, role_id) REFERENCES role (org_id, id) ON DELETE CASCADE
);

ALTER TABLE role_access ENABLE ROW LEVEL SECURITY;
ALTER TABLE role_access FORCE ROW LEVEL SECURITY;
CREATE POLICY role_access_select ON role_access FOR SELECT
    USING (org_id = nullif(current_setting('iamkit.org_id', true), '')::uuid);
CREATE POLICY role_access_insert ON role_access FOR INSERT
    WITH CHECK (org_id = nullif(current_setting('iamkit.org_id', true), '')::uuid);
CREATE POLICY role_access_update ON role_access FOR UPDATE
    USING (org_id = nullif(current_setting('iamkit.org_id', true), '')::uuid)
    WITH CHECK (org_id = nullif(current_setting('iamkit.org_id', true), '')::uuid);
CREATE POLICY role_access_delete ON role_access FOR DELETE
    USING (org_id = nullif(current_setting('iamkit.org_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE ON role_access TO "${appRole}";

-- The folded grants of the given roles of the tenant that is set, at the current catalog epoch
-- (one statement: the epoch and the grants come from one snapshot). Runs as the caller.
CREATE FUNCTION role_access_rows(p_org uuid, p_roles uuid[])
RETURNS TABLE(role_id uuid, epoch bigint, allow_features uuid[], allow_actions text[], deny_features uuid[],
              deny_actions text[], allow_views uuid[], deny_views uuid[])
LANGUAGE sql STABLE
AS $$
    SELECT r.id, (SELECT gc.catalog_epoch FROM "${flyway:defaultSchema}".global_counter gc),
           coalesce(f.af, '{}'), coalesce(f.aa, '{}'), coalesce(f.df, '{}'), coalesce(f.da, '{}'),
           coalesce(v.av, '{}'), coalesce(v.dv, '{}')
      FROM "${flyway:defaultSchema}".role r
      LEFT JOIN LATERAL (
            SELECT array_agg(g.feature_id ORDER BY g.feature_id, g.action) FILTER (WHERE g.effect = 'ALLOW') AS af,
                   array_agg(g.action ORDER BY g.feature_id, g.action) FILTER (WHERE g.effect = 'ALLOW') AS aa,
                   array_agg(g.feature_id ORDER BY g.feature_id, g.action) FILTER (WHERE g.effect = 'DENY') AS df,
                   array_agg(g.action ORDER BY g.feature_id, g.action) FILTER (WHERE g.effect = 'DENY') AS da
              FROM "${flyway:defaultSchema}".feature_grant g
             WHERE g.org_id = r.org_id AND g.role_id = r.id) f ON true
      LEFT JOIN LATERAL (
            SELECT array_agg(g.view_id ORDER BY g.view_id) FILTER (WHERE g.effect = 'ALLOW') AS av,
                   array_agg(g.view_id ORDER BY g.view_id) FILTER (WHERE g.effect = 'DENY') AS dv
              FROM "${flyway:defaultSchema}".view_grant g
             WHERE g.org_id = r.org_id AND g.role_id = r.id) v ON true
     WHERE r.org_id = p_org AND r.id = ANY (p_roles)
$$;

-- Rewrites the rows of the given roles from their grants; the store calls it in the transaction
-- that changed them, after the change. A role that no longer exists has no row to rewrite.
-- plpgsql, not SQL: PostgreSQL plans a SQL function that writes on every call (measured: 426 µs a
-- call against 119 µs for this form, which keeps its plan for the session).
CREATE FUNCTION refresh_role_access(p_org uuid, p_roles uuid[]) RETURNS void
LANGUAGE plpgsql VOLATILE
SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
    INSERT INTO "${flyway:defaultSchema}".role_access AS a
           (org_id, role_id, epoch, allow_features, allow_actions, deny_features, deny_actions, allow_views, deny_views)
    SELECT p_org, s.role_id, s.epoch, s.allow_features, s.allow_actions, s.deny_features, s.deny_actions, s.allow_views, s.deny_views
      FROM "${flyway:defaultSchema}".role_access_rows(p_org, p_roles) s
    ON CONFLICT (org_id, role_id) DO UPDATE
       SET epoch = excluded.epoch, allow_features = excluded.allow_features, allow_actions = excluded.allow_actions,
           deny_features = excluded.deny_features, deny_actions = excluded.deny_actions,
           allow_views = excluded.allow_views, deny_views = excluded.deny_views;
END
$$;

REVOKE ALL ON FUNCTION role_access_rows(uuid, uuid[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION refresh_role_access(uuid, uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION role_access_rows(uuid, uuid[]) TO "${appRole}";
GRANT EXECUTE ON FUNCTION refresh_role_access(uuid, uuid[]) TO "${appRole}";

-- Deleting catalog entries (rows that cascade into grants) moves the epoch, once per statement
-- that deleted any. The counter is the platform's: the trigger switches to that scope for its update.
CREATE FUNCTION bump_catalog_epoch() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    scope text;
BEGIN
    IF EXISTS (SELECT 1 FROM gone) THEN
        scope := current_setting('iamkit.scope', true);
        PERFORM set_config('iamkit.scope', 'platform', true);
        UPDATE "${flyway:defaultSchema}".global_counter SET catalog_epoch = catalog_epoch + 1;
        PERFORM set_config('iamkit.scope', coalesce(scope, ''), true);
    END IF;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION bump_catalog_epoch() FROM PUBLIC;
CREATE TRIGGER catalog_epoch AFTER DELETE ON feature_action
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_epoch();
CREATE TRIGGER catalog_epoch AFTER DELETE ON catalog_view
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_epoch();

-- Every role of every organization gets its row now. (An owner that row level security does not let
-- past the policies fills nothing: then compile_access folds every role itself until its grants change.)
INSERT INTO role_access (org_id, role_id, epoch, allow_features, allow_actions, deny_features, deny_actions, allow_views, deny_views)
SELECT r.org_id, x.role_id, x.epoch, x.allow_features, x.allow_actions, x.deny_features, x.deny_actions, x.allow_views, x.deny_views
  FROM role r, LATERAL role_access_rows(r.org_id, ARRAY[r.id]) x;

-- compile_access, V16's rows (see JooqAccessCompiler) with the grants folded per role:
--
--   r_kind  r_id  r_open  r_revision  r_global  r_valid_until    r_features          r_actions          r_deny_features  r_deny_actions  r_views          r_deny_views
--   0       -     gate    revision    global    earliest expiry  entitled features   their codes        -                -               entitled views   -             exactly one row
--   3       role  -       -           -         -                allowed features    allowed actions    denied features  denied actions  allowed views    denied views  each role reaching the user (gate open)
--   4       team  -       -           -         -                -                   -                  -                -               -                -             each team the user is in (gate open)
--
-- The caller keeps a (feature, action) some role allows, no role denies and an entitled module
-- contains, and likewise for views: rules 3 to 5 of can(), applied in the client to a handful of rows.
DROP FUNCTION compile_access(uuid, uuid, timestamptz);
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
