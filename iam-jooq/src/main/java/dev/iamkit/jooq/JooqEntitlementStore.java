package dev.iamkit.jooq;

/** Skeleton: pending implementation. */
final class JooqEntitlementStore implements dev.iamkit.store.EntitlementStore {
    private final TenantContext ctx;

    JooqEntitlementStore(TenantContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public dev.iamkit.model.Entitlement entitle(dev.iamkit.model.ModuleId a0, java.util.Optional<java.time.Instant> a1) {
        throw new IllegalStateException("pending");
    }

    @Override
    public dev.iamkit.model.Entitlement setEnabled(dev.iamkit.model.ModuleId a0, boolean a1) {
        throw new IllegalStateException("pending");
    }

    @Override
    public boolean revoke(dev.iamkit.model.ModuleId a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public java.util.Optional<dev.iamkit.model.Entitlement> find(dev.iamkit.model.ModuleId a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public java.util.List<dev.iamkit.model.Entitlement> list() {
        throw new IllegalStateException("pending");
    }
}
