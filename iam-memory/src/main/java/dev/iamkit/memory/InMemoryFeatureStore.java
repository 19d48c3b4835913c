package dev.iamkit.memory;

import dev.iamkit.authz.AuthzCache;
import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.Feature;
import dev.iamkit.model.FeatureGrant;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.NewFeature;
import dev.iamkit.model.Permission;
import dev.iamkit.model.Uuid7;
import dev.iamkit.model.Validate;
import dev.iamkit.store.FeatureStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Features of the catalog. Removing a feature or one of its actions reaches into every organization's grants. */
final class InMemoryFeatureStore implements FeatureStore {
    private final MemoryState state;
    private final Transactor transactor;
    private final Clock clock;
    /** Told after each committed update or delete: every organization's answers may depend on the catalog. */
    private final AuthzCache cache;

    InMemoryFeatureStore(MemoryState state, Transactor transactor, Clock clock, AuthzCache cache) {
        this.cache = cache;
        this.state = state;
        this.transactor = transactor;
        this.clock = clock;
    }

    @Override
    public Feature create(NewFeature feature) {
        Validate.notNull("feature", feature);
        return transactor.write(tx -> {
            if (withCode(feature.code()).isPresent()) {
                throw new AlreadyExistsException("feature", "code", feature.code());
            }
            Feature created = new Feature(new FeatureId(Uuid7.next(clock)), feature.code(), feature.name(), feature.description(),
                    feature.actions());
            tx.put(state.features, created.id(), created);
            return created;
        });
    }

    @Override
    public Optional<Feature> find(FeatureId id) {
        Validate.notNull("id", id);
        return transactor.read(() -> Optional.ofNullable(state.features.get(id)));
    }

    @Override
    public Optional<Feature> findByCode(String code) {
        String c = Validate.lookup("code", code);
        return transactor.read(() -> withCode(c));
    }

    @Override
    public List<Feature> list() {
        return transactor.read(() -> state.features.values().stream().sorted(MemoryState.FEATURE_ORDER).toList());
    }

    @Override
    public Feature update(Feature changed) {
        Validate.notNull("changed", changed);
        return transactor.write(tx -> {
            tx.accessChanged(cache);
            Feature stored = require(changed.id());
            if (!stored.code().equals(changed.code())) {
                throw new ValidationException("code", "cannot be changed: it is the entry's stable key");
            }
            Feature updated = new Feature(stored.id(), stored.code(), changed.name(), changed.description(), changed.actions());
            tx.put(state.features, updated.id(), updated);
            removeGrants(tx, p -> p.featureId().equals(updated.id()) && !updated.supports(p.action()));
            return updated;
        });
    }

    @Override
    public void delete(FeatureId id) {
        Validate.notNull("id", id);
        transactor.write(tx -> {
            tx.accessChanged(cache);
            require(id);
            tx.remove(state.features, id);
            List.copyOf(state.moduleFeatures).stream().filter(l -> l.right().equals(id)).forEach(l -> tx.remove(state.moduleFeatures, l));
            List.copyOf(state.featureViews).stream().filter(l -> l.left().equals(id)).forEach(l -> tx.remove(state.featureViews, l));
            removeGrants(tx, p -> p.featureId().equals(id));
            return null;
        });
    }

    /** Catalog changes are global: the grants they remove go without an audit event in any organization. */
    private void removeGrants(Tx tx, Predicate<Permission> gone) {
        for (TenantData d : state.tenants.values()) {
            for (TreeMap<Permission, FeatureGrant> grants : d.grants.values()) {
                for (Permission p : List.copyOf(grants.keySet())) {
                    if (gone.test(p)) {
                        tx.remove(grants, p);
                    }
                }
            }
        }
    }

    private Feature require(FeatureId id) {
        Feature f = state.features.get(id);
        if (f == null) {
            throw new NotFoundException("feature", id);
        }
        return f;
    }

    private Optional<Feature> withCode(String code) {
        return state.features.values().stream().filter(f -> f.code().equals(code)).findFirst();
    }
}
