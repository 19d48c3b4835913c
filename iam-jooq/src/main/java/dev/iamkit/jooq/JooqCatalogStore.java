package dev.iamkit.jooq;

/** Skeleton: pending implementation. */
final class JooqCatalogStore implements dev.iamkit.store.CatalogStore {
    private final Sql sql;
    private final java.time.Clock clock;

    JooqCatalogStore(Sql sql, java.time.Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    @Override
    public dev.iamkit.store.ModuleStore modules() {
        throw new IllegalStateException("pending");
    }

    @Override
    public dev.iamkit.store.FeatureStore features() {
        throw new IllegalStateException("pending");
    }

    @Override
    public dev.iamkit.store.ViewStore views() {
        throw new IllegalStateException("pending");
    }

    @Override
    public boolean linkFeature(dev.iamkit.model.ModuleId a0, dev.iamkit.model.FeatureId a1) {
        throw new IllegalStateException("pending");
    }

    @Override
    public boolean unlinkFeature(dev.iamkit.model.ModuleId a0, dev.iamkit.model.FeatureId a1) {
        throw new IllegalStateException("pending");
    }

    @Override
    public boolean linkView(dev.iamkit.model.ModuleId a0, dev.iamkit.model.ViewId a1) {
        throw new IllegalStateException("pending");
    }

    @Override
    public boolean unlinkView(dev.iamkit.model.ModuleId a0, dev.iamkit.model.ViewId a1) {
        throw new IllegalStateException("pending");
    }

    @Override
    public boolean linkFeatureView(dev.iamkit.model.FeatureId a0, dev.iamkit.model.ViewId a1) {
        throw new IllegalStateException("pending");
    }

    @Override
    public boolean unlinkFeatureView(dev.iamkit.model.FeatureId a0, dev.iamkit.model.ViewId a1) {
        throw new IllegalStateException("pending");
    }

    @Override
    public java.util.List<dev.iamkit.model.Feature> featuresOf(dev.iamkit.model.ModuleId a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public java.util.List<dev.iamkit.model.View> viewsOf(dev.iamkit.model.ModuleId a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public java.util.List<dev.iamkit.model.Module> modulesOfFeature(dev.iamkit.model.FeatureId a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public java.util.List<dev.iamkit.model.Module> modulesOfView(dev.iamkit.model.ViewId a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public java.util.List<dev.iamkit.model.View> viewsOfFeature(dev.iamkit.model.FeatureId a0) {
        throw new IllegalStateException("pending");
    }

    @Override
    public java.util.List<dev.iamkit.model.Feature> featuresOfView(dev.iamkit.model.ViewId a0) {
        throw new IllegalStateException("pending");
    }
}
