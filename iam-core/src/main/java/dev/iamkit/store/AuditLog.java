package dev.iamkit.store;

import dev.iamkit.model.AuditCheckpoint;
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
     * Checks the organization's audit chain ({@link dev.iamkit.support.AuditChain}) from the
     * first event with the store's audit keys, and reports how many events were verified under a
     * key, unkeyed, older than the chain, or under a key the store does not hold, and the first
     * broken one. Reads the whole trail, a page at a time.
     */
    AuditVerification verify();

    /**
     * Like {@link #verify()}, and also checks that the event at the checkpoint's seq is still
     * there with the checkpoint's link, which shows whether events were removed from the end.
     *
     * @throws dev.iamkit.error.TenantMismatchException when the checkpoint belongs to another organization; nothing is read
     * @throws dev.iamkit.error.ValidationException on {@code checkpoint} when null
     */
    AuditVerification verify(AuditCheckpoint checkpoint);

    /**
     * The head of the chain now: the newest event's seq and link (seq 0 and no link for an empty
     * trail). Keep it outside the store and pass it to {@link #verify(AuditCheckpoint)} later.
     */
    AuditCheckpoint checkpoint();
}
