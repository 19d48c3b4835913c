-- Undoes V19: revisions are announced by the counter's trigger again, inside the writing
-- transaction, with their reach (as V18 left it).
DROP FUNCTION IF EXISTS changes_since(bigint, bigint[]);
DROP POLICY IF EXISTS org_counter_select ON org_counter;
CREATE POLICY org_counter_select ON org_counter FOR SELECT
    USING (org_id = nullif(current_setting('iamkit.org_id', true), '')::uuid);
DROP TRIGGER IF EXISTS org_counter_stamp_inserted ON org_counter;
DROP TRIGGER IF EXISTS org_counter_stamp_update ON org_counter;
DROP TRIGGER IF EXISTS org_counter_stamp ON org_counter;
DROP FUNCTION IF EXISTS stamp_revision();
DROP INDEX IF EXISTS org_counter_changed;
ALTER TABLE org_counter DROP COLUMN IF EXISTS reach, DROP COLUMN IF EXISTS changed_xid;

CREATE FUNCTION notify_revision() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    reach text := coalesce(current_setting('iamkit.reach', true), '');
BEGIN
    IF reach <> '' THEN
        PERFORM set_config('iamkit.reach', '', true);
    END IF;
    IF TG_OP = 'INSERT' OR NEW.revision IS DISTINCT FROM OLD.revision THEN
        PERFORM pg_notify(TG_TABLE_SCHEMA, 'r ' || NEW.org_id || ' ' || NEW.revision
            || CASE WHEN reach ~ '^(-|[utr]:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$' THEN ' ' || reach ELSE '' END);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER org_counter_revision AFTER INSERT ON org_counter
    FOR EACH ROW EXECUTE FUNCTION notify_revision();
CREATE TRIGGER org_counter_revision_update AFTER UPDATE OF revision ON org_counter
    FOR EACH ROW WHEN (OLD.revision IS DISTINCT FROM NEW.revision) EXECUTE FUNCTION notify_revision();
