-- Undoes V10: the append-only triggers and the chain links.
DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_event;
DROP TRIGGER IF EXISTS audit_event_append_only ON audit_event;
DROP FUNCTION IF EXISTS audit_event_append_only();
ALTER TABLE audit_event DROP COLUMN IF EXISTS link;
