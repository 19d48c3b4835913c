package dev.iamkit.jooq;

/** Skeleton: pending implementation. */
final class JooqUserStore implements dev.iamkit.store.UserStore {
    private final Sql sql;
    private final java.time.Clock clock;

    JooqUserStore(Sql sql, java.time.Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    @Override
    public dev.iamkit.model.User create(dev.iamkit.model.NewUser a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public java.util.Optional<dev.iamkit.model.User> find(dev.iamkit.model.UserId a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public java.util.Optional<dev.iamkit.model.User> findByEmail(java.lang.String a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public dev.iamkit.model.Page<dev.iamkit.model.User> list(dev.iamkit.model.PageRequest a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public dev.iamkit.model.User update(dev.iamkit.model.User a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public dev.iamkit.model.User delete(dev.iamkit.model.UserId a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public dev.iamkit.model.User restore(dev.iamkit.model.UserId a0) {
        throw new IllegalStateException("pending");
    }
}
