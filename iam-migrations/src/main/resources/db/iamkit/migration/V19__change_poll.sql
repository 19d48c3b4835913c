-- Revisions are no longer announced by NOTIFY inside the writing transaction. A transaction that
-- has sent a notification takes PostgreSQL's notification lock at commit and holds it through its
-- WAL flush, so every commit of access data in the database queued behind every other: writes to
-- different organizations could not proceed in parallel past a few thousand commits a second, and
-- not at all while one commit waited for a slow disk.
--
-- Instead each counter row records which transaction last moved its revision (changed_xid, the
-- 64-bit transaction id, which does not wrap around) and the reach of that revision (the
-- transaction-local setting iamkit.reach, as V18 announced it; NULL when the revision was moved
-- without one: it may change anything). A listener asks for the rows moved since a cursor
-- (changes_since), and the cursor is the snapshot the last answer was read in: the first
-- transaction id not yet given out, and the transactions still running. A transaction below that
-- id and not running had ended, and what it committed was in that answer; so the next answer needs
-- only the rows stamped by a transaction from that id on or by one of those still running. Nothing
-- committed is skipped, however long a transaction ran before it committed, and a long transaction
-- elsewhere in the database (a report, a dump) does not make every answer re-read all that was
-- committed since it began. The process that commits a change also announces it, by NOTIFY in a
-- transaction of its own after the commit (best effort: it is what makes other processes hear it
-- within milliseconds; the poll is what makes them hear it at all).
--
-- Global changes (V15) are still announced by their triggers: global writers commit one at a time
-- anyway (the global counter's row lock), and they are rare.
--
-- A process of a library version before this migration's does not poll: after this migration it
-- hears only the best-effort announcements, and its heartbeat no longer proves it heard every
-- revision. Stop such processes (or turn their cache off) before migrating to this version.
ALTER TABLE org_counter
    ADD COLUMN changed_xid bigint,
    ADD COLUMN reach text CONSTRAINT org_counter_reach_form CHECK (reach ~ '^(-|[utr]:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$');

CREATE INDEX org_counter_changed ON org_counter (changed_xid);

DROP TRIGGER org_counter_revision ON org_counter;
DROP TRIGGER org_counter_revision_update ON org_counter;
DROP FUNCTION notify_revision();

-- BEFORE, so that the stamp is part of the row version that moves the revision. The reach is
-- cleared once it has stamped a revision, so it stamps exactly one: by the update, or after an
-- insert that happened. Not by a BEFORE INSERT trigger: an upsert fires it for the row it proposes
-- even when the conflict turns it into an update, which must still find the reach.
CREATE FUNCTION stamp_revision() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    reach text := coalesce(current_setting('iamkit.reach', true), '');
BEGIN
    IF reach <> '' AND (TG_OP = 'UPDATE' OR TG_WHEN = 'AFTER') THEN
        PERFORM set_config('iamkit.reach', '', true);
    END IF;
    IF TG_WHEN = 'AFTER' THEN
        RETURN NULL;
    END IF;
    NEW.changed_xid := pg_current_xact_id()::text::bigint;
    NEW.reach := CASE WHEN reach ~ '^(-|[utr]:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$' THEN reach END;
    RETURN NEW;
END
$$;

REVOKE ALL ON FUNCTION stamp_revision() FROM PUBLIC;

CREATE TRIGGER org_counter_stamp BEFORE INSERT ON org_counter
    FOR EACH ROW EXECUTE FUNCTION stamp_revision();
CREATE TRIGGER org_counter_stamp_update BEFORE UPDATE OF revision ON org_counter
    FOR EACH ROW WHEN (OLD.revision IS DISTINCT FROM NEW.revision) EXECUTE FUNCTION stamp_revision();
CREATE TRIGGER org_counter_stamp_inserted AFTER INSERT ON org_counter
    FOR EACH ROW EXECUTE FUNCTION stamp_revision();

-- The listener reads every organization's counter: through this function, in the platform scope,
-- which already reads and writes every organization. The counter holds no tenant data (revision,
-- audit sequence, the chain's last link, the last reach), and it stays one policy per command.
-- One statement, so the cursor it returns belongs to the snapshot the rows were read in.
-- The first row always carries the next cursor; organizations follow, if any moved.
DROP POLICY org_counter_select ON org_counter;
CREATE POLICY org_counter_select ON org_counter FOR SELECT
    USING (org_id = nullif(current_setting('iamkit.org_id', true), '')::uuid
           OR current_setting('iamkit.scope', true) = 'platform');

CREATE FUNCTION changes_since(since bigint, running bigint[]) RETURNS TABLE (next bigint, still_running bigint[], org_id uuid, revision bigint, reach text)
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    scope text := current_setting('iamkit.scope', true);
BEGIN
    PERFORM set_config('iamkit.scope', 'platform', true);
    RETURN QUERY
        WITH s AS (SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS x,
                          ARRAY(SELECT r::text::bigint FROM pg_snapshot_xip(pg_current_snapshot()) r) AS r)
        SELECT s.x, s.r, NULL::uuid, NULL::bigint, NULL::text FROM s
        UNION ALL
        SELECT s.x, s.r, c.org_id, c.revision, c.reach FROM s, "${flyway:defaultSchema}".org_counter c
         WHERE since IS NOT NULL AND (c.changed_xid >= since OR c.changed_xid = ANY (running));
    PERFORM set_config('iamkit.scope', coalesce(scope, ''), true);
END
$$;
REVOKE ALL ON FUNCTION changes_since(bigint, bigint[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION changes_since(bigint, bigint[]) TO "${appRole}";
