-- Tamper evidence for the audit trail.
--
-- Each event carries its link in the organization's hash chain (dev.iamkit.support.AuditChain:
-- SHA-256 of the previous link and the event's chained fields, IP and user agent left out). The
-- store computes it when it appends the event, reading the previous link in the statement that
-- numbers the event, so it costs no round trip. Events written before this version have no link;
-- verification starts the chain at the first event that has one.
--
-- The application role may only SELECT and INSERT (V3); these triggers also refuse UPDATE,
-- DELETE and TRUNCATE to everyone else, the owner included. The one exception: when an
-- organization itself is deleted, its events go with it (the cascade runs after the organization
-- row is gone).

ALTER TABLE audit_event ADD COLUMN link bytea CHECK (link IS NULL OR octet_length(link) = 32);

CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM "${flyway:defaultSchema}".organization o WHERE o.id = OLD.org_id) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit events are append-only: % refused', TG_OP USING ERRCODE = '42501';
END
$$;

CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
