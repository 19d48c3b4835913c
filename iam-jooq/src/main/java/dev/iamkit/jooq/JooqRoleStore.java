package dev.iamkit.jooq;

/** Skeleton: pending implementation. */
final class JooqRoleStore implements dev.iamkit.store.RoleStore {
    private final TenantContext ctx;

    JooqRoleStore(TenantContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public dev.iamkit.model.Role create(dev.iamkit.model.NewRole a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public java.util.Optional<dev.iamkit.model.Role> find(dev.iamkit.model.RoleId a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public java.util.Optional<dev.iamkit.model.Role> findByCode(java.lang.String a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public dev.iamkit.model.Page<dev.iamkit.model.Role> list(dev.iamkit.model.PageRequest a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public dev.iamkit.model.Role update(dev.iamkit.model.Role a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public void delete(dev.iamkit.model.RoleId a0) {
        throw new IllegalStateException("pending");
    }
}
