package dev.iamkit.store;

import dev.iamkit.model.AuditEvent;
import dev.iamkit.model.AuditQuery;
import dev.iamkit.model.AuditVerification;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;

/**
 * The scope's organization's audit trail, oldest first. Events are written by the stores in the
 * same transaction as each change; there is no way to change or delete them. The actions, targets
 * and snapshots each call records are listed in {@code docs/semantics.md}.
 */
public interface AuditLog {

    /** Events in {@code seq} order; never null. */
    Page<AuditEvent> list(PageRequest page);

    /**
     * The events matching {@code query}, in {@code seq} order, keyset-paged by seq (the cursor is
     * the last seq seen), so a walk never repeats or skips an event while new ones are appended.
     *
     * @throws dev.iamkit.error.ValidationException on {@code query} or {@code page} when null, or a cursor this list cannot have made
     */
    Page<AuditEvent> query(AuditQuery query, PageRequest page);

    /**
     * Recomputes the organization's hash chain ({@link dev.iamkit.support.AuditChain}) from the
     * first event and reports the first event whose stored link does not match. Reads the whole
     * trail, a page at a time.
     */
    AuditVerification verify();
}
