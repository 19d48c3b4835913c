package dev.iamkit.jooq;

/** Skeleton: pending implementation. */
final class JooqViewStore implements dev.iamkit.store.ViewStore {
    private final Sql sql;
    private final java.time.Clock clock;

    JooqViewStore(Sql sql, java.time.Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    @Override
    public dev.iamkit.model.View create(dev.iamkit.model.NewView a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public java.util.Optional<dev.iamkit.model.View> find(dev.iamkit.model.ViewId a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public java.util.Optional<dev.iamkit.model.View> findByCode(java.lang.String a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public java.util.Optional<dev.iamkit.model.View> findByPath(java.lang.String a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public java.util.List<dev.iamkit.model.View> list() {
        throw new IllegalStateException("pending");
    }

    @Override
    public dev.iamkit.model.View update(dev.iamkit.model.View a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public void delete(dev.iamkit.model.ViewId a0) {
        throw new IllegalStateException("pending");
    }
}
