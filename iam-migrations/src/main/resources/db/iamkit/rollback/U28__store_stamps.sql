-- Undoes V28: the counter row is stamped by its triggers again (V19), and changes checks depend on
-- are announced by NOTIFY from their triggers (V15), not recorded in global_counter.
DROP FUNCTION IF EXISTS changes_since(bigint, bigint[]);
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

CREATE OR REPLACE FUNCTION stamp_revision() RETURNS trigger LANGUAGE plpgsql AS $$
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
DROP TRIGGER IF EXISTS org_counter_stamp ON org_counter;
DROP TRIGGER IF EXISTS org_counter_stamp_update ON org_counter;
DROP TRIGGER IF EXISTS org_counter_stamp_inserted ON org_counter;
CREATE TRIGGER org_counter_stamp BEFORE INSERT ON org_counter
    FOR EACH ROW EXECUTE FUNCTION stamp_revision();
CREATE TRIGGER org_counter_stamp_update BEFORE UPDATE OF revision ON org_counter
    FOR EACH ROW WHEN (OLD.revision IS DISTINCT FROM NEW.revision) EXECUTE FUNCTION stamp_revision();
CREATE TRIGGER org_counter_stamp_inserted AFTER INSERT ON org_counter
    FOR EACH ROW EXECUTE FUNCTION stamp_revision();

CREATE OR REPLACE FUNCTION bump_catalog_epoch() RETURNS trigger LANGUAGE plpgsql AS $$
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

DROP FUNCTION IF EXISTS move_global_revision(boolean, boolean);
ALTER TABLE global_counter DROP CONSTRAINT IF EXISTS global_counter_access_revision;
ALTER TABLE global_counter DROP COLUMN IF EXISTS access_revision;
