package dev.iamkit.model;

import java.util.Optional;

/**
 * The outcome of checking an organization's audit hash chain: how many events were checked and,
 * if the chain is broken, the seq of the first event whose stored link does not match the one
 * recomputed from its content and its predecessor's link (an event changed, removed or inserted).
 */
public record AuditVerification(OrgId orgId, long checked, Optional<Long> firstBrokenSeq) {
    public AuditVerification {
        Validate.notNull("orgId", orgId);
        Validate.notNull("firstBrokenSeq", firstBrokenSeq);
    }

    public boolean intact() {
        return firstBrokenSeq.isEmpty();
    }
}
