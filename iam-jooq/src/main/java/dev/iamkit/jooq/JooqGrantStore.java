package dev.iamkit.jooq;

/** Skeleton: pending implementation. */
final class JooqGrantStore implements dev.iamkit.store.GrantStore {
    private final TenantContext ctx;

    JooqGrantStore(TenantContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public dev.iamkit.model.FeatureGrant grant(dev.iamkit.model.RoleId a0, dev.iamkit.model.Grant a1) {
        throw new IllegalStateException("pending");
    }

    @Override
    public boolean revoke(dev.iamkit.model.RoleId a0, dev.iamkit.model.FeatureId a1, java.lang.String a2) {
        throw new IllegalStateException("pending");
    }

    @Override
    public java.util.List<dev.iamkit.model.FeatureGrant> replace(dev.iamkit.model.RoleId a0, java.util.Collection<dev.iamkit.model.Grant> a1) {
        throw new IllegalStateException("pending");
    }

    @Override
    public java.util.List<dev.iamkit.model.FeatureGrant> list(dev.iamkit.model.RoleId a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public dev.iamkit.model.ViewGrant grantView(dev.iamkit.model.RoleId a0, dev.iamkit.model.ViewAccess a1) {
        throw new IllegalStateException("pending");
    }

    @Override
    public boolean revokeView(dev.iamkit.model.RoleId a0, dev.iamkit.model.ViewId a1) {
        throw new IllegalStateException("pending");
    }

    @Override
    public java.util.List<dev.iamkit.model.ViewGrant> replaceViews(dev.iamkit.model.RoleId a0, java.util.Collection<dev.iamkit.model.ViewAccess> a1) {
        throw new IllegalStateException("pending");
    }

    @Override
    public java.util.List<dev.iamkit.model.ViewGrant> listViews(dev.iamkit.model.RoleId a0) {
        throw new IllegalStateException("pending");
    }
}
