package dev.iamkit.jooq;

/** Skeleton: pending implementation. */
final class JooqModuleStore implements dev.iamkit.store.ModuleStore {
    private final Sql sql;
    private final java.time.Clock clock;

    JooqModuleStore(Sql sql, java.time.Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    @Override
    public dev.iamkit.model.Module create(dev.iamkit.model.NewModule a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public java.util.Optional<dev.iamkit.model.Module> find(dev.iamkit.model.ModuleId a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public java.util.Optional<dev.iamkit.model.Module> findByCode(java.lang.String a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public java.util.List<dev.iamkit.model.Module> list() {
        throw new IllegalStateException("pending");
    }

    @Override
    public dev.iamkit.model.Module update(dev.iamkit.model.Module a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public void delete(dev.iamkit.model.ModuleId a0) {
        throw new IllegalStateException("pending");
    }
}
