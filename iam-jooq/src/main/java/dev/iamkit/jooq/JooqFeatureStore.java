package dev.iamkit.jooq;

/** Skeleton: pending implementation. */
final class JooqFeatureStore implements dev.iamkit.store.FeatureStore {
    private final Sql sql;
    private final java.time.Clock clock;

    JooqFeatureStore(Sql sql, java.time.Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    @Override
    public dev.iamkit.model.Feature create(dev.iamkit.model.NewFeature a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public java.util.Optional<dev.iamkit.model.Feature> find(dev.iamkit.model.FeatureId a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public java.util.Optional<dev.iamkit.model.Feature> findByCode(java.lang.String a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public java.util.List<dev.iamkit.model.Feature> list() {
        throw new IllegalStateException("pending");
    }

    @Override
    public dev.iamkit.model.Feature update(dev.iamkit.model.Feature a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public void delete(dev.iamkit.model.FeatureId a0) {
        throw new IllegalStateException("pending");
    }
}
