-- Undoes V33: the audit snapshots are compressed as the server's default says.
ALTER TABLE audit_event ALTER COLUMN before SET COMPRESSION default, ALTER COLUMN after SET COMPRESSION default;
