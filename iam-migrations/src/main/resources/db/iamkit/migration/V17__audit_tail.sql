-- The audit trail's tail beside its sequence: each organization's counter row keeps the link of
-- its newest event (audit_link) and that event's seq (audit_link_seq).
--
-- Appending an event needs the previous event's link (V10). The store read it with a sub-select on
-- audit_event in the statement that numbers the event; under row level security that sub-select
-- is filtered by the policy before its seq condition (the expression is not leakproof), so it
-- read the organization's whole trail: a write's cost grew with the history. The counter row is
-- read and locked by that statement anyway, so the link now comes from there, and the statement
-- that inserts the event records it there.
--
-- The cached link is used only when audit_link_seq is the seq just before the new one. When
-- something else numbered events (a host's own SQL, an event inserted by hand) or no link is
-- cached, the store falls back to reading the event itself, as before: the cache makes the read
-- cheap, never different.
--
-- The backfill reads every organization's newest event. FORCE ROW LEVEL SECURITY binds the owner
-- that runs this script, so the backfill lifts it for this transaction only, as V13 does: ALTER
-- TABLE holds an exclusive lock on both tables until the commit.

ALTER TABLE org_counter
    ADD COLUMN audit_link     bytea  CONSTRAINT org_counter_audit_link_form CHECK (audit_link IS NULL OR octet_length(audit_link) = 32),
    ADD COLUMN audit_link_seq bigint CONSTRAINT org_counter_audit_link_seq_form CHECK (audit_link_seq IS NULL OR audit_link_seq > 0);

ALTER TABLE org_counter NO FORCE ROW LEVEL SECURITY;
ALTER TABLE audit_event NO FORCE ROW LEVEL SECURITY;
UPDATE org_counter c
   SET audit_link = e.link, audit_link_seq = e.seq
  FROM audit_event e
 WHERE e.org_id = c.org_id AND e.seq = c.audit_seq;
ALTER TABLE audit_event FORCE ROW LEVEL SECURITY;
ALTER TABLE org_counter FORCE ROW LEVEL SECURITY;

-- Recording the tail updates the counter row a second time in the transaction, without moving the
-- revision: V5's announcement trigger fired for it and found nothing to announce. It now fires only
-- for an update of the revision (and for the insert of a counter row).
DROP TRIGGER org_counter_revision ON org_counter;
CREATE TRIGGER org_counter_revision AFTER INSERT ON org_counter
    FOR EACH ROW EXECUTE FUNCTION notify_revision();
CREATE TRIGGER org_counter_revision_update AFTER UPDATE OF revision ON org_counter
    FOR EACH ROW WHEN (OLD.revision IS DISTINCT FROM NEW.revision) EXECUTE FUNCTION notify_revision();
