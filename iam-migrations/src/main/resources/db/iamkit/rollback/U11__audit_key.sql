-- Undoes V11: events lose the id of the key that made their link; the links themselves stay.
-- A keyed link covers its key id, so after V11 is applied again verify() still finds such an
-- event verified under whichever configured key made it.
ALTER TABLE audit_event DROP CONSTRAINT IF EXISTS audit_event_keyed_link;
ALTER TABLE audit_event DROP COLUMN IF EXISTS key_id;
