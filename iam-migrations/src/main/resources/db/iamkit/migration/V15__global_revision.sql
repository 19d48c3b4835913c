-- The global revision: one counter for the whole store, moved by every committed change to global
-- data (organizations, users, the catalog and its links, the menu definition), so that a caller can
-- ask another process for answers at least as new as its own global write
-- (Consistency.atLeast(GlobalRevision)), as an organization's revision (V5) does for tenant data.
--
-- A row trigger on each global table bumps the counter, so the library's writes, the host's own
-- SQL and foreign-key cascades all count, in the transaction of the change. It bumps once per
-- transaction: the first changed row takes the counter row's lock and the next value, and leaves
-- '<transaction id> <revision>' in the transaction-local setting iamkit.global_revision; later rows
-- of the same transaction find it there and do nothing. The store reads that setting in the
-- exchanges of its own statements, so learning the revision costs no round trip. The transaction id
-- makes a stale or hand-made setting count for nothing; a subtransaction that rolls back takes its
-- bump and its setting with it.
--
-- Why a row lock and not a sequence: nextval() hands out numbers in the order transactions ask,
-- not the order they commit, and never waits, so revision 8 could be visible while 7 is still to
-- commit; a reader that has seen 8 would then take an answer compiled before 7 for one at least as
-- new. The counter row's lock is held from the bump to the commit, so global writers commit one at
-- a time in revision order, and a snapshot that sees revision n sees every change up to n. The price
-- is that global writes are serialized from their first changed row to their commit. The triggers
-- are AFTER triggers whose name sorts after the foreign keys' ("RI_ConstraintTrigger..."), so the
-- counter is the last lock a statement takes: it never holds the counter while it waits for a row
-- another global writer holds. (A BEFORE trigger would take it first, and would also count a row an
-- ON CONFLICT DO NOTHING then skips.)
--
-- Announcements: V5's triggers announced changes that checks depend on (a user's status or
-- deletion, catalog updates, deletions and links) as 'g <table>'; they now announce
-- 'g <global revision>'. Other global changes (a new user, a renamed organization, a menu item) move
-- the revision but are not announced: no cached answer depends on them, and atLeast still honours
-- their revision. A listener of an older library treats any 'g ...' as "everything changed".
--
-- The counter is a platform table (V12): the platform scope reads and updates it, a tenant reads it
-- (checks are compiled at the global revision, in the same statement as the rest), nobody inserts
-- or deletes its row. The trigger switches to the platform scope for its one update, so changes
-- made in the identity scope (users) move it too without that scope being able to write it.

CREATE TABLE global_counter (
    id       boolean PRIMARY KEY DEFAULT true CHECK (id),
    revision bigint  NOT NULL CHECK (revision >= 0)
);
INSERT INTO global_counter (id, revision) VALUES (true, 0);

ALTER TABLE global_counter ENABLE ROW LEVEL SECURITY;
ALTER TABLE global_counter FORCE ROW LEVEL SECURITY;
CREATE POLICY global_counter_select ON global_counter FOR SELECT
    USING (current_setting('iamkit.scope', true) = 'platform'
           OR nullif(current_setting('iamkit.org_id', true), '')::uuid IS NOT NULL);
CREATE POLICY global_counter_insert ON global_counter FOR INSERT
    WITH CHECK (false);
CREATE POLICY global_counter_update ON global_counter FOR UPDATE
    USING (current_setting('iamkit.scope', true) = 'platform')
    WITH CHECK (current_setting('iamkit.scope', true) = 'platform');
CREATE POLICY global_counter_delete ON global_counter FOR DELETE
    USING (false);

GRANT SELECT, UPDATE ON global_counter TO "${appRole}";

-- V5's notify_global_change becomes bump_global_revision (its triggers, privileges and all follow
-- the rename), with a new body. Row level, it bumps the counter once per transaction. It also
-- announces the transaction's revision, except when called 'quiet': the triggers below, one per
-- global table, are quiet; V5's, on the changes that checks depend on, announce. A statement
-- trigger never bumps, so a statement that changed no row moves nothing.
ALTER FUNCTION notify_global_change() RENAME TO bump_global_revision;

CREATE OR REPLACE FUNCTION bump_global_revision() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    tx    text := pg_current_xact_id_if_assigned()::text;
    made  text := current_setting('iamkit.global_revision', true);
    scope text;
    r     bigint;
BEGIN
    IF split_part(coalesce(made, ''), ' ', 1) = tx THEN
        r := split_part(made, ' ', 2)::bigint;
    ELSIF TG_LEVEL = 'ROW' THEN
        scope := current_setting('iamkit.scope', true);
        PERFORM set_config('iamkit.scope', 'platform', true);
        UPDATE "${flyway:defaultSchema}".global_counter SET revision = revision + 1 RETURNING revision INTO r;
        PERFORM set_config('iamkit.scope', coalesce(scope, ''), true);
        IF r IS NULL THEN
            RAISE EXCEPTION 'the global revision counter of schema % has no row', TG_TABLE_SCHEMA USING ERRCODE = '55000';
        END IF;
        PERFORM set_config('iamkit.global_revision', pg_current_xact_id()::text || ' ' || r, true);
    END IF;
    IF r IS NOT NULL AND (TG_NARGS = 0 OR TG_ARGV[0] <> 'quiet') THEN
        PERFORM pg_notify(TG_TABLE_SCHEMA, 'g ' || r);
    END IF;
    RETURN NULL;
END
$$;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['organization', 'app_user', 'module', 'feature', 'feature_action', 'catalog_view', 'module_feature',
                             'module_view', 'feature_view', 'menu_item']
    LOOP
        EXECUTE format($t$CREATE TRIGGER global_revision AFTER INSERT OR UPDATE OR DELETE ON %I
                          FOR EACH ROW EXECUTE FUNCTION bump_global_revision('quiet')$t$, t);
    END LOOP;
END
$$;
