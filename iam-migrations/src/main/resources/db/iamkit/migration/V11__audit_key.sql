-- Keyed audit links.
--
-- From this version the store makes each event's link with HMAC-SHA-256 under an audit key the
-- host supplies (IAMKIT_AUDIT_KEYS; dev.iamkit.support.AuditChain), so a login that may insert
-- audit events can no longer forge a link that verifies. The key itself is never stored: the
-- event records only the id of the key that made its link. NULL means an unkeyed link (a store
-- run without a key, or an event written before this version), which verify() reports as
-- unkeyed, never as intact.
--
-- Adding a nullable column rewrites no row, so the append-only triggers of V10 are not involved.

ALTER TABLE audit_event
    ADD COLUMN key_id text CONSTRAINT audit_event_key_id_form CHECK (key_id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    ADD CONSTRAINT audit_event_keyed_link CHECK (key_id IS NULL OR link IS NOT NULL);
