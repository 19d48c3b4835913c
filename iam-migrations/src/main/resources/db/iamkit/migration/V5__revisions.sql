-- Revisions and change notifications.
--
-- Each organization's access revision lives in its counter row, next to the audit sequence: the
-- store moves both in the one upsert every change already makes, so a revision costs no round
-- trip and is bumped atomically with the change (the row lock orders writers of one
-- organization, so a committed revision is never skipped or repeated).
--
-- Every process with a cache LISTENs on the channel named like this schema. A new revision is
-- announced in the transaction that makes it ('r <org id> <revision>'): PostgreSQL delivers it
-- at commit, and never for a rollback. Changes to global data that checks depend on (a user's
-- status or deletion, the catalog) are announced as 'g <table>'; they concern every organization.

ALTER TABLE org_counter ADD COLUMN revision bigint NOT NULL DEFAULT 0 CHECK (revision >= 0);

CREATE FUNCTION notify_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' OR NEW.revision IS DISTINCT FROM OLD.revision THEN
        PERFORM pg_notify(TG_TABLE_SCHEMA, 'r ' || NEW.org_id || ' ' || NEW.revision);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER org_counter_revision AFTER INSERT OR UPDATE ON org_counter
    FOR EACH ROW EXECUTE FUNCTION notify_revision();

CREATE FUNCTION notify_global_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify(TG_TABLE_SCHEMA, 'g ' || TG_TABLE_NAME);
    RETURN NULL;
END
$$;

CREATE TRIGGER app_user_access AFTER UPDATE ON app_user
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
    EXECUTE FUNCTION notify_global_change();
CREATE TRIGGER app_user_removal AFTER DELETE ON app_user
    FOR EACH STATEMENT EXECUTE FUNCTION notify_global_change();

-- Catalog entries are created unlinked, so only updates, deletions and links matter.
CREATE TRIGGER module_access AFTER UPDATE OR DELETE ON module
    FOR EACH STATEMENT EXECUTE FUNCTION notify_global_change();
CREATE TRIGGER feature_access AFTER UPDATE OR DELETE ON feature
    FOR EACH STATEMENT EXECUTE FUNCTION notify_global_change();
CREATE TRIGGER feature_action_access AFTER INSERT OR UPDATE OR DELETE ON feature_action
    FOR EACH STATEMENT EXECUTE FUNCTION notify_global_change();
CREATE TRIGGER catalog_view_access AFTER UPDATE OR DELETE ON catalog_view
    FOR EACH STATEMENT EXECUTE FUNCTION notify_global_change();
CREATE TRIGGER module_feature_access AFTER INSERT OR UPDATE OR DELETE ON module_feature
    FOR EACH STATEMENT EXECUTE FUNCTION notify_global_change();
CREATE TRIGGER module_view_access AFTER INSERT OR UPDATE OR DELETE ON module_view
    FOR EACH STATEMENT EXECUTE FUNCTION notify_global_change();
