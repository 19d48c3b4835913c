package dev.iamkit.jooq;

/** Skeleton: pending implementation. */
final class JooqMembershipStore implements dev.iamkit.store.MembershipStore {
    private final TenantContext ctx;

    JooqMembershipStore(TenantContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public dev.iamkit.model.Membership add(dev.iamkit.model.UserId a0, dev.iamkit.model.OrgRole a1) {
        throw new IllegalStateException("pending");
    }

    @Override
    public dev.iamkit.model.Membership invite(dev.iamkit.model.UserId a0, dev.iamkit.model.OrgRole a1) {
        throw new IllegalStateException("pending");
    }

    @Override
    public java.util.Optional<dev.iamkit.model.Membership> find(dev.iamkit.model.UserId a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public dev.iamkit.model.Page<dev.iamkit.model.Membership> list(dev.iamkit.model.PageRequest a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public dev.iamkit.model.Membership update(dev.iamkit.model.Membership a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public void remove(dev.iamkit.model.UserId a0) {
        throw new IllegalStateException("pending");
    }
}
