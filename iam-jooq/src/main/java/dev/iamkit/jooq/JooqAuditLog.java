package dev.iamkit.jooq;

/** Skeleton: pending implementation. */
final class JooqAuditLog implements dev.iamkit.store.AuditLog {
    private final TenantContext ctx;

    JooqAuditLog(TenantContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public dev.iamkit.model.Page<dev.iamkit.model.AuditEvent> list(dev.iamkit.model.PageRequest a0) {
        throw new IllegalStateException("pending");
    }
}
