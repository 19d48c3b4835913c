package dev.iamkit.memory;

import dev.iamkit.IamDatabase;
import dev.iamkit.authz.AuthzCache;
import dev.iamkit.catalog.ApplyOptions;
import dev.iamkit.catalog.CatalogPlan;
import dev.iamkit.catalog.CatalogSpec;
import dev.iamkit.support.CatalogApplier;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.memory.MemoryState.Link;
import dev.iamkit.model.Feature;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.Module;
import dev.iamkit.model.ModuleId;
import dev.iamkit.model.Validate;
import dev.iamkit.model.View;
import dev.iamkit.model.ViewId;
import dev.iamkit.store.CatalogStore;
import dev.iamkit.store.FeatureStore;
import dev.iamkit.store.ModuleStore;
import dev.iamkit.store.ViewStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The catalog and the links between its entries. */
final class InMemoryCatalogStore implements CatalogStore {
    private final MemoryState state;
    private final Transactor transactor;
    private final AuthzCache cache;
    private final ModuleStore modules;
    private final FeatureStore features;
    private final ViewStore views;

    private final CatalogApplier applier;

    /** {@code owner}: the store this catalog belongs to, whose tenants receive role templates. */
    InMemoryCatalogStore(MemoryState state, Transactor transactor, Clock clock, AuthzCache cache, IamDatabase owner) {
        // the catalog's own calls nest in the apply's write, as calls inside inTenant do
        this.applier = new CatalogApplier(owner, new CatalogApplier.GlobalTransaction() {
            @Override
            public <R> R run(java.util.function.Supplier<R> work) {
                return transactor.write(tx -> work.get());
            }
        });
        this.state = state;
        this.transactor = transactor;
        this.cache = cache;
        this.modules = new InMemoryModuleStore(state, transactor, clock, cache);
        this.features = new InMemoryFeatureStore(state, transactor, clock, cache);
        this.views = new InMemoryViewStore(state, transactor, clock, cache);
    }

    @Override
    public CatalogPlan plan(CatalogSpec spec, ApplyOptions options) {
        return applier.plan(spec, options);
    }

    @Override
    public CatalogPlan apply(CatalogSpec spec, ApplyOptions options) {
        return applier.apply(spec, options);
    }

    @Override
    public ModuleStore modules() {
        return modules;
    }

    @Override
    public FeatureStore features() {
        return features;
    }

    @Override
    public ViewStore views() {
        return views;
    }

    @Override
    public boolean linkFeature(ModuleId module, FeatureId feature) {
        return link(state.moduleFeatures, "module", module, state.modules, "feature", feature, state.features, true);
    }

    @Override
    public boolean unlinkFeature(ModuleId module, FeatureId feature) {
        return link(state.moduleFeatures, "module", module, state.modules, "feature", feature, state.features, false);
    }

    @Override
    public boolean linkView(ModuleId module, ViewId view) {
        return link(state.moduleViews, "module", module, state.modules, "view", view, state.views, true);
    }

    @Override
    public boolean unlinkView(ModuleId module, ViewId view) {
        return link(state.moduleViews, "module", module, state.modules, "view", view, state.views, false);
    }

    @Override
    public boolean linkFeatureView(FeatureId feature, ViewId view) {
        return link(state.featureViews, "feature", feature, state.features, "view", view, state.views, true);
    }

    @Override
    public boolean unlinkFeatureView(FeatureId feature, ViewId view) {
        return link(state.featureViews, "feature", feature, state.features, "view", view, state.views, false);
    }

    @Override
    public List<Feature> featuresOf(ModuleId module) {
        Validate.notNull("module", module);
        return transactor.read(() -> state.features.values().stream()
                .filter(f -> state.moduleFeatures.contains(new Link<>(module, f.id())))
                .sorted(MemoryState.FEATURE_ORDER).toList());
    }

    @Override
    public List<View> viewsOf(ModuleId module) {
        Validate.notNull("module", module);
        return transactor.read(() -> state.views.values().stream()
                .filter(v -> state.moduleViews.contains(new Link<>(module, v.id())))
                .sorted(MemoryState.VIEW_ORDER).toList());
    }

    @Override
    public List<Module> modulesOfFeature(FeatureId feature) {
        Validate.notNull("feature", feature);
        return transactor.read(() -> state.modules.values().stream()
                .filter(m -> state.moduleFeatures.contains(new Link<>(m.id(), feature)))
                .sorted(MemoryState.MODULE_ORDER).toList());
    }

    @Override
    public List<Module> modulesOfView(ViewId view) {
        Validate.notNull("view", view);
        return transactor.read(() -> state.modules.values().stream()
                .filter(m -> state.moduleViews.contains(new Link<>(m.id(), view)))
                .sorted(MemoryState.MODULE_ORDER).toList());
    }

    @Override
    public List<View> viewsOfFeature(FeatureId feature) {
        Validate.notNull("feature", feature);
        return transactor.read(() -> state.views.values().stream()
                .filter(v -> state.featureViews.contains(new Link<>(feature, v.id())))
                .sorted(MemoryState.VIEW_ORDER).toList());
    }

    @Override
    public List<Feature> featuresOfView(ViewId view) {
        Validate.notNull("view", view);
        return transactor.read(() -> state.features.values().stream()
                .filter(f -> state.featureViews.contains(new Link<>(f.id(), view)))
                .sorted(MemoryState.FEATURE_ORDER).toList());
    }

    /** Adds or removes one link after checking that both sides exist; true if the set changed. */
    private <A, B> boolean link(Set<Link<A, B>> links, String leftName, A left, Map<A, ?> lefts,
                                String rightName, B right, Map<B, ?> rights, boolean add) {
        Validate.notNull(leftName, left);
        Validate.notNull(rightName, right);
        return transactor.write(tx -> {
            if (!lefts.containsKey(left)) {
                throw new NotFoundException(leftName, left);
            }
            if (!rights.containsKey(right)) {
                throw new NotFoundException(rightName, right);
            }
            Link<A, B> l = new Link<>(left, right);
            boolean changed = add ? tx.add(links, l) : tx.remove(links, l);
            if (changed) {
                tx.accessChanged(cache);
            }
            return changed;
        });
    }
}
