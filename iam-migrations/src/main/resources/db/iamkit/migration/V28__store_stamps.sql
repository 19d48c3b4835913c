-- Changes are stamped by the store's own statements, and no trigger sends a notification: the
-- schema then works the same way on plain PostgreSQL and distributed on Citus, where a trigger runs
-- on the worker that holds the row (it cannot update the global counter from there) and a
-- transaction that sent a notification cannot be committed in two phases.
--
-- Organizations (V19). The counter's upsert, which every audited change makes, now writes the
-- transaction id and the reach of the revision itself (changed_xid, reach); the stamp triggers go.
-- Every statement of the library that moves a revision sets them.
--
-- Global data (V15). The global revision is moved as before, once per transaction; what changes is
-- how a listener learns that a change checks depend on was committed. Those changes (V5's list: a
-- user's status or deletion, catalog updates, deletions and links) used to be announced by NOTIFY
-- from their triggers; now they also record their revision in global_counter.access_revision, and
-- the listener reads it with the organizations' revisions (changes_since, below). A reader sees
-- the row as of its snapshot, so a change is heard by the first poll that begins after its commit,
-- however it was committed. The store announces its own such changes after the commit, as it does
-- organizations' revisions (best effort: the poll is what guarantees it).
--
-- Who moves the global revision: the store, at the end of every transaction in which it changed
-- global data (move_global_revision, below), and on plain PostgreSQL also V15's triggers on each
-- global table, which count the host's own SQL and cascades too. Both take the same once-per-
-- transaction path: the first to run takes the counter row's lock and the next revision, the other
-- finds the transaction's revision in the setting iamkit.global_revision. `iam distribute` drops
-- the triggers (Citus cannot run them); there, only the library's writes move the revision.
--
-- Likewise the catalog epoch (V25): moved by the store when it deletes actions or views, and by
-- the triggers where they exist.
--
-- A process of a library version before this migration's hears no global change once it is
-- applied (it waited for the notifications), and its writes leave the counter unstamped. Stop such
-- processes (or turn their cache off) before migrating to this version.

ALTER TABLE global_counter ADD COLUMN access_revision bigint NOT NULL DEFAULT 0;
ALTER TABLE global_counter ADD CONSTRAINT global_counter_access_revision CHECK (access_revision >= 0 AND access_revision <= revision);

-- The transaction's global revision, taken once: '<transaction id> <revision>[ a]' in the
-- transaction-local setting, ' a' once the revision is recorded as one checks depend on.
-- p_access: record it so; p_epoch: move the catalog epoch too. Runs in the platform scope for its
-- updates of the counter, which that scope alone may write.
CREATE FUNCTION move_global_revision(p_access boolean, p_epoch boolean) RETURNS bigint
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    tx     text := pg_current_xact_id()::text;
    made   text := current_setting('iamkit.global_revision', true);
    scope  text := current_setting('iamkit.scope', true);
    r      bigint;
    access boolean := false;
BEGIN
    -- the store writes global data in the platform and identity scopes only; nothing else calls this but
    -- the triggers, which count any writer's change (the schema owner's, say)
    IF coalesce(scope, '') NOT IN ('platform', 'identity') AND pg_trigger_depth() = 0 THEN
        RAISE EXCEPTION 'the global revision moves only with a change to global data (platform or identity scope)' USING ERRCODE = '42501';
    END IF;
    IF split_part(coalesce(made, ''), ' ', 1) = tx THEN
        r := split_part(made, ' ', 2)::bigint;
        access := split_part(made, ' ', 3) = 'a';
    END IF;
    IF r IS NOT NULL AND (access OR NOT p_access) AND NOT p_epoch THEN
        RETURN r;
    END IF;
    PERFORM set_config('iamkit.scope', 'platform', true);
    IF r IS NULL THEN
        UPDATE "${flyway:defaultSchema}".global_counter
           SET revision = revision + 1,
               access_revision = CASE WHEN p_access THEN revision + 1 ELSE access_revision END,
               catalog_epoch = catalog_epoch + CASE WHEN p_epoch THEN 1 ELSE 0 END
        RETURNING revision INTO r;
    ELSE
        UPDATE "${flyway:defaultSchema}".global_counter
           SET access_revision = CASE WHEN p_access THEN r ELSE access_revision END,
               catalog_epoch = catalog_epoch + CASE WHEN p_epoch THEN 1 ELSE 0 END;
    END IF;
    PERFORM set_config('iamkit.scope', coalesce(scope, ''), true);
    IF r IS NULL THEN
        RAISE EXCEPTION 'the global revision counter of schema % has no row', '${flyway:defaultSchema}' USING ERRCODE = '55000';
    END IF;
    PERFORM set_config('iamkit.global_revision', tx || ' ' || r || CASE WHEN access OR p_access THEN ' a' ELSE '' END, true);
    RETURN r;
END
$$;
REVOKE ALL ON FUNCTION move_global_revision(boolean, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION move_global_revision(boolean, boolean) TO "${appRole}";

-- The triggers (V5, V15) take the same path; the quiet ones (one per global table) only move the
-- revision, the others (V5's) record it as one checks depend on. No notification.
CREATE OR REPLACE FUNCTION bump_global_revision() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    access boolean := TG_NARGS = 0 OR TG_ARGV[0] <> 'quiet';
    tx     text := pg_current_xact_id_if_assigned()::text;
    made   text := current_setting('iamkit.global_revision', true);
BEGIN
    -- a statement trigger never moves the revision (a statement that changed no row moves nothing),
    -- but records the one its rows took as one checks depend on
    IF TG_LEVEL = 'ROW' OR access AND split_part(coalesce(made, ''), ' ', 1) = tx THEN
        PERFORM "${flyway:defaultSchema}".move_global_revision(access, false);
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION bump_catalog_epoch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM gone) THEN
        PERFORM "${flyway:defaultSchema}".move_global_revision(false, true);
    END IF;
    RETURN NULL;
END
$$;

-- The counter row is stamped by the statement that moves it.
DROP TRIGGER org_counter_stamp ON org_counter;
DROP TRIGGER org_counter_stamp_update ON org_counter;
DROP TRIGGER org_counter_stamp_inserted ON org_counter;
DROP FUNCTION stamp_revision();

-- The first row carries the next cursor and, now, the global revision that checks last depended on.
--
-- On Citus, a transaction that wrote more than one node (a reference table and a worker, say)
-- commits in two phases: the coordinator commits, then the workers commit what they prepared. In
-- between, the coordinator's snapshot shows the transaction as ended while a worker does not show
-- its rows yet. Citus records such a transaction in pg_dist_transaction (with the coordinator's
-- transaction id, outer_xid) in the coordinator's commit, and deletes the record only once no
-- worker holds it prepared. So on Citus the transactions recorded there, read in the same snapshot,
-- count as still running: the next poll asks about them again, and one poll after the record is
-- gone still does. (A transaction that wrote one worker only commits there before the coordinator
-- does, so its rows are visible by the time the coordinator's snapshot shows it ended.)
DROP FUNCTION changes_since(bigint, bigint[]);
CREATE FUNCTION changes_since(since bigint, running bigint[])
RETURNS TABLE (next bigint, still_running bigint[], org_id uuid, revision bigint, reach text, access_revision bigint)
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    scope    text := current_setting('iamkit.scope', true);
    prepared text := CASE WHEN to_regclass('pg_catalog.pg_dist_transaction') IS NOT NULL
                          THEN 'ARRAY(SELECT t.outer_xid::text::bigint FROM pg_catalog.pg_dist_transaction t WHERE t.outer_xid IS NOT NULL)'
                          ELSE 'ARRAY[]::bigint[]' END;
BEGIN
    PERFORM set_config('iamkit.scope', 'platform', true);
    RETURN QUERY EXECUTE format($q$
        WITH s AS (SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS x,
                          ARRAY(SELECT r::text::bigint FROM pg_snapshot_xip(pg_current_snapshot()) r) || %s AS r,
                          (SELECT g.access_revision FROM %I.global_counter g) AS a)
        SELECT s.x, s.r, NULL::uuid, NULL::bigint, NULL::text, s.a FROM s
        UNION ALL
        SELECT s.x, s.r, c.org_id, c.revision, c.reach, s.a FROM s, %I.org_counter c
         WHERE $1 IS NOT NULL AND (c.changed_xid >= $1 OR c.changed_xid = ANY ($2))$q$,
        prepared, '${flyway:defaultSchema}', '${flyway:defaultSchema}') USING since, running;
    PERFORM set_config('iamkit.scope', coalesce(scope, ''), true);
END
$$;
REVOKE ALL ON FUNCTION changes_since(bigint, bigint[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION changes_since(bigint, bigint[]) TO "${appRole}";
