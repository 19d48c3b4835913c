-- Undoes V17: V5's one announcement trigger again, and the store reads the previous link from the
-- trail again.
DROP TRIGGER IF EXISTS org_counter_revision_update ON org_counter;
DROP TRIGGER IF EXISTS org_counter_revision ON org_counter;
CREATE TRIGGER org_counter_revision AFTER INSERT OR UPDATE ON org_counter
    FOR EACH ROW EXECUTE FUNCTION notify_revision();
ALTER TABLE org_counter DROP COLUMN IF EXISTS audit_link_seq;
ALTER TABLE org_counter DROP COLUMN IF EXISTS audit_link;
