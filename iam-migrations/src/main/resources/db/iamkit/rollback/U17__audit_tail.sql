-- Undoes V17: the store reads the previous link from the trail again.
ALTER TABLE org_counter DROP COLUMN IF EXISTS audit_link_seq;
ALTER TABLE org_counter DROP COLUMN IF EXISTS audit_link;
