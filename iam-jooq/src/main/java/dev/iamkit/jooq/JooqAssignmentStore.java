package dev.iamkit.jooq;

/** Skeleton: pending implementation. */
final class JooqAssignmentStore implements dev.iamkit.store.AssignmentStore {
    private final TenantContext ctx;

    JooqAssignmentStore(TenantContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public dev.iamkit.model.Assignment assign(dev.iamkit.model.RoleId a0, dev.iamkit.model.Principal a1, java.util.Optional<java.time.Instant> a2) {
        throw new IllegalStateException("pending");
    }

    @Override
    public boolean unassign(dev.iamkit.model.RoleId a0, dev.iamkit.model.Principal a1) {
        throw new IllegalStateException("pending");
    }

    @Override
    public java.util.List<dev.iamkit.model.Assignment> listFor(dev.iamkit.model.Principal a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public dev.iamkit.model.Page<dev.iamkit.model.Assignment> listForRole(dev.iamkit.model.RoleId a0, dev.iamkit.model.PageRequest a1) {
        throw new IllegalStateException("pending");
    }
}
