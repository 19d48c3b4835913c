-- An audit event keeps the before and after of its change as JSON, and a replacement of a role's
-- grants keeps the whole set on each side: about 240 kB of text each for 1000 grants. Past 2 kB
-- the server compresses a value before storing it, with pglz unless the column says otherwise.
-- Measured on the bench machine, one such side: parsed as jsonb and stored with pglz 4.3-4.9 ms,
-- with lz4 2.8-3.3 ms (stored sizes 5.2 and 6.9 kB). Small events are below the threshold and
-- unaffected; events stored before keep their compression and read as before.
-- lz4 exists only on servers built with it; elsewhere the columns keep pglz (the setting's list
-- of values tells which).
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
        ALTER TABLE audit_event ALTER COLUMN before SET COMPRESSION lz4, ALTER COLUMN after SET COMPRESSION lz4;
    END IF;
END
$$;
