-- A cache miss reads the user's own rows only; what it shares with the other members of the
-- organization is kept by the store, checked in the same snapshot.
--
-- Why: compile_access (V26) reads eleven tables for one user, and a row of each already costs
-- about three round trips of SELECT 1 (the bench's "floor of a cache miss"). Four of them are the
-- same for every member of the organization: the organization's status, its entitlements, and the
-- folded grants of the roles reaching the user (role_access, the arrays that are most of what a
-- compile sends and the caller parses). Those change only with a change whose reach (V18) is not
-- one user's, one team's or nothing a check reads: an entitlement, the organization's status, a
-- role's grants, inclusions or deletion, or a change whose reach is not known. Such a change now
-- records its revision in org_counter.access_revision; one user's changes (assignments, team
-- membership, the membership) and one team's (its assignments, its deletion) leave it as it was.
--
-- compile_member is compile_access with the caller's copy of those shared parts named by the
-- counters it was read at (p_access: org_counter.access_revision, p_epoch: the catalog epoch,
-- which moves when a cascade changes grants behind the folded rows, V25) and the roles whose folded
-- rows it holds (p_have). When both counters are this snapshot's, the caller's copy is exact for it:
-- the function reads neither the organization nor the entitlements, and sends the folded rows of
-- the reached roles that the caller does not hold only. Otherwise it sends the shared parts as
-- compile_access did, and every reached role's row.
--
--   r_kind  r_id   r_open     r_revision  r_global  r_valid_until     r_features          r_actions        r_deny_*         r_views / r_deny_views  r_access         r_epoch  r_roles         r_teams  r_org_open  r_org_until
--   0       -      user open  revision    global    user's expiry     entitled modules*   -                -                -                       access revision  epoch    reached roles   teams    org open*   entitlements' expiry*   exactly one row
--   5       module -          -           -         -                 its features        their codes      -                its views / -           -                -        -               -        -           -                       when p_catalog is not r_global (as V26)
--   3       role   -          -           -         -                 allowed features    allowed actions  denied ...       allowed / denied views  -                -        -               -        -           -                       each reached role the caller lacks
--
-- (*: only when the caller's copy is not this snapshot's; then the caller keeps them as its new copy.)
-- "user open" is rule 2 alone (the user and the membership active); rule 1, the organization's,
-- is r_org_open or the caller's copy. The user's expiry is the earliest future expiry of the
-- user's direct and team assignments; the entitlements' is that of the organization's entitlements.
--
-- The library's statements that move the revision write the access revision with it (TenantContext,
-- the organization's status, a snapshot's import), as they stamp the reach and the transaction
-- (V28). A writer that does not, such as a process of an earlier version of the library still running
-- against this schema or a host's own SQL, would leave copies in use for rows it changed: on plain
-- PostgreSQL a trigger moves the access revision for any statement that moves the revision, unless
-- that statement stamped the row in its own transaction with a reach of one user, one team or
-- nothing. On Citus, where compiles keep no copies, `iam distribute` drops it with the other
-- triggers (V28), and on a schema already distributed it is not created.

-- On a schema distributed on Citus, the change of org_counter below runs on every shard; in the
-- default parallel mode Citus then refuses to create a function in the same transaction (the
-- functions come first as well). Plain PostgreSQL takes the line as a placeholder setting.
SET LOCAL citus.multi_shard_modify_mode TO 'sequential';

CREATE FUNCTION compile_member(p_org uuid, p_user uuid, p_at timestamptz, p_catalog bigint, p_access bigint, p_epoch bigint, p_have uuid[])
RETURNS TABLE(r_kind integer, r_id uuid, r_open boolean, r_revision bigint, r_global bigint, r_valid_until timestamptz,
              r_features uuid[], r_actions text[], r_deny_features uuid[], r_deny_actions text[], r_views uuid[], r_deny_views uuid[],
              r_access bigint, r_epoch bigint, r_roles uuid[], r_teams uuid[], r_org_open boolean, r_org_until timestamptz)
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
    -- the user's half of the gate, the revisions and, read once each, the user's teams and assignments with the roles they
    -- reach (held_roles' rules, V6) and their earliest future expiry; one statement, so one snapshot and one plan
    WITH RECURSIVE
         tm AS MATERIALIZED (SELECT t.team_id FROM "${flyway:defaultSchema}".team_member t WHERE t.org_id = p_org AND t.user_id = p_user),
         base AS MATERIALIZED (SELECT a.role_id, a.expires_at FROM "${flyway:defaultSchema}".user_assignment a
                                WHERE a.org_id = p_org AND a.user_id = p_user
                               UNION ALL
                               SELECT a.role_id, a.expires_at FROM "${flyway:defaultSchema}".team_assignment a
                                WHERE a.org_id = p_org AND a.team_id IN (SELECT tm.team_id FROM tm)),
         held(role_id) AS (SELECT b.role_id FROM base b WHERE b.expires_at IS NULL OR b.expires_at > p_at
                           UNION
                           SELECT i.included_role_id FROM "${flyway:defaultSchema}".role_inclusion i JOIN held h ON i.role_id = h.role_id
                            WHERE i.org_id = p_org)
    SELECT 0, coalesce(c.revision, 0), coalesce(gc.revision, 0), c.access_revision, gc.catalog_epoch,
           EXISTS (SELECT 1 FROM "${flyway:defaultSchema}".app_user u
                    WHERE u.id = p_user AND u.deleted_at IS NULL AND u.status = 'ACTIVE')
           AND EXISTS (SELECT 1 FROM "${flyway:defaultSchema}".membership m
                        WHERE m.org_id = p_org AND m.user_id = p_user AND m.status = 'ACTIVE'),
           (SELECT min(b.expires_at) FROM base b WHERE b.expires_at > p_at),
           (SELECT array_agg(h.role_id) FROM held h),
           (SELECT array_agg(tm.team_id) FROM tm)
      INTO r_kind, r_revision, r_global, r_access, r_epoch, r_open, r_valid_until, r_roles, r_teams
      FROM (SELECT 1) one
      LEFT JOIN "${flyway:defaultSchema}".global_counter gc ON true
      LEFT JOIN "${flyway:defaultSchema}".org_counter c ON c.org_id = p_org;
    IF NOT coalesce(r_open, false) THEN
        -- shut out by rule 2: nothing of the user's roles or teams is sent
        r_open := false; r_valid_until := NULL; r_roles := NULL; r_teams := NULL;
    END IF;
    -- an organization without a counter row has no copy to match: its shared parts are always sent
    v_known := r_access IS NOT NULL AND r_access = p_access AND r_epoch IS NOT DISTINCT FROM p_epoch;
    IF NOT v_known THEN
        SELECT EXISTS (SELECT 1 FROM "${flyway:defaultSchema}".organization o
                        WHERE o.id = p_org AND o.deleted_at IS NULL AND o.status = 'ACTIVE'),
               (SELECT array_agg(e.module_id) FROM "${flyway:defaultSchema}".entitlement e
                 WHERE e.org_id = p_org AND e.enabled AND (e.expires_at IS NULL OR e.expires_at > p_at)),
               (SELECT min(e.expires_at) FROM "${flyway:defaultSchema}".entitlement e WHERE e.org_id = p_org AND e.expires_at > p_at)
          INTO r_org_open, r_features, r_org_until;
    END IF;
    RETURN NEXT;
    IF r_global IS DISTINCT FROM p_catalog THEN
        -- the caller's catalog is not this snapshot's: every enabled module with its features, their codes and its views (V26)
        RETURN QUERY
            SELECT 5, md.id, NULL::boolean, NULL::bigint, NULL::bigint, NULL::timestamptz,
                   coalesce(f.ids, '{}'), coalesce(f.codes, '{}'), NULL::uuid[], NULL::text[], coalesce(v.ids, '{}'), NULL::uuid[],
                   NULL::bigint, NULL::bigint, NULL::uuid[], NULL::uuid[], NULL::boolean, NULL::timestamptz
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
    IF v_known AND r_roles <@ p_have THEN
        RETURN;     -- the caller holds every reached role's row (an expression, not a query)
    END IF;
    v_missing := CASE WHEN v_known AND p_have IS NOT NULL
                      THEN ARRAY(SELECT x FROM unnest(r_roles) x WHERE NOT x = ANY (p_have))
                      ELSE r_roles END;
    IF cardinality(v_missing) = 0 THEN
        RETURN;
    END IF;
    -- the missing roles' folded rows, where they are current; the others folded here from their grants (V25)
    RETURN QUERY
        SELECT 3, a.role_id, NULL::boolean, NULL::bigint, NULL::bigint, NULL::timestamptz,
               a.allow_features, a.allow_actions, a.deny_features, a.deny_actions, a.allow_views, a.deny_views,
               NULL::bigint, NULL::bigint, NULL::uuid[], NULL::uuid[], NULL::boolean, NULL::timestamptz
          FROM "${flyway:defaultSchema}".role_access a
         WHERE a.org_id = p_org AND a.role_id = ANY (v_missing) AND a.epoch = r_epoch;
    GET DIAGNOSTICS v_current = ROW_COUNT;
    IF v_current < cardinality(v_missing) THEN
        RETURN QUERY
            SELECT 3, s.role_id, NULL::boolean, NULL::bigint, NULL::bigint, NULL::timestamptz,
                   s.allow_features, s.allow_actions, s.deny_features, s.deny_actions, s.allow_views, s.deny_views,
                   NULL::bigint, NULL::bigint, NULL::uuid[], NULL::uuid[], NULL::boolean, NULL::timestamptz
              FROM "${flyway:defaultSchema}".role_access_rows(p_org, v_missing) s
             WHERE NOT EXISTS (SELECT 1 FROM "${flyway:defaultSchema}".role_access a
                                WHERE a.org_id = p_org AND a.role_id = s.role_id AND a.epoch = r_epoch);
    END IF;
END
$$;

REVOKE ALL ON FUNCTION compile_member(uuid, uuid, timestamptz, bigint, bigint, bigint, uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION compile_member(uuid, uuid, timestamptz, bigint, bigint, bigint, uuid[]) TO "${appRole}";

CREATE FUNCTION keep_access_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.access_revision := NEW.revision;
    ELSIF NEW.revision IS DISTINCT FROM OLD.revision
          AND NOT (NEW.changed_xid IS NOT DISTINCT FROM pg_current_xact_id()::text::bigint
                   AND coalesce(NEW.reach = '-' OR NEW.reach LIKE 'u:%' OR NEW.reach LIKE 't:%', false)) THEN
        NEW.access_revision := NEW.revision;
    END IF;
    RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION keep_access_revision() FROM PUBLIC;

-- (the constraint named and apart: Citus refuses an unnamed one on a distributed table)
ALTER TABLE org_counter ADD COLUMN access_revision bigint NOT NULL DEFAULT 0;
ALTER TABLE org_counter ADD CONSTRAINT org_counter_access_revision CHECK (access_revision >= 0);

-- Not on a schema already distributed on Citus, where `iam distribute` would have dropped it (V28).
DO $$
DECLARE
    distributed boolean := false;
BEGIN
    IF to_regclass('pg_catalog.pg_dist_partition') IS NOT NULL THEN
        distributed := EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = '"${flyway:defaultSchema}".org_counter'::regclass);
    END IF;
    IF NOT distributed THEN
        CREATE TRIGGER org_counter_access BEFORE INSERT OR UPDATE OF revision ON "${flyway:defaultSchema}".org_counter
            FOR EACH ROW EXECUTE FUNCTION "${flyway:defaultSchema}".keep_access_revision();
    END IF;
END
$$;
