package dev.iamkit.jooq;

/** Skeleton: pending implementation. */
final class JooqTeamStore implements dev.iamkit.store.TeamStore {
    private final TenantContext ctx;

    JooqTeamStore(TenantContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public dev.iamkit.model.Team create(dev.iamkit.model.NewTeam a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public java.util.Optional<dev.iamkit.model.Team> find(dev.iamkit.model.TeamId a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public java.util.Optional<dev.iamkit.model.Team> findByName(java.lang.String a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public dev.iamkit.model.Page<dev.iamkit.model.Team> list(dev.iamkit.model.PageRequest a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public dev.iamkit.model.Team update(dev.iamkit.model.Team a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public void delete(dev.iamkit.model.TeamId a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public boolean addMember(dev.iamkit.model.TeamId a0, dev.iamkit.model.UserId a1) {
        throw new IllegalStateException("pending");
    }

    @Override
    public boolean removeMember(dev.iamkit.model.TeamId a0, dev.iamkit.model.UserId a1) {
        throw new IllegalStateException("pending");
    }

    @Override
    public java.util.List<dev.iamkit.model.UserId> members(dev.iamkit.model.TeamId a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public java.util.List<dev.iamkit.model.Team> teamsOf(dev.iamkit.model.UserId a0) {
        throw new IllegalStateException("pending");
    }
}
