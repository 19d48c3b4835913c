package dev.iamkit.authz;

import dev.iamkit.model.Feature;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.Permission;
import dev.iamkit.model.UserId;
import dev.iamkit.model.Validate;
import dev.iamkit.model.ViewId;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;

/**
 * An {@link Authz} for stores that can read an {@link AccessSnapshot}: it reads one snapshot per
 * call and lets {@link AccessEvaluator} decide.
 */
public final class SnapshotAuthz implements Authz {

    /** What a store supplies. Inside a transaction it reads that transaction's state, own writes included. */
    public interface Source {
        AccessSnapshot snapshot(UserId user);

        /**
         * The snapshot together with the catalog entries of {@code features} (empty for unknown
         * ids). A store that can read both in one statement overrides this; the default reads
         * them one after the other.
         */
        default Loaded load(UserId user, Set<FeatureId> features) {
            AccessSnapshot snapshot = snapshot(user);
            Map<FeatureId, Optional<Feature>> found = new HashMap<>();
            for (FeatureId f : features) {
                found.put(f, feature(f));
            }
            return new Loaded(snapshot, found);
        }

        Optional<Feature> feature(FeatureId id);

        /** The id of the feature whose code is {@code code} (a validated code); empty when there is none. */
        Optional<FeatureId> featureId(String code);

        boolean viewExists(ViewId id);
    }

    /** A snapshot with the catalog entries a question needs. */
    public record Loaded(AccessSnapshot snapshot, Map<FeatureId, Optional<Feature>> features) {
        public Loaded {
            Validate.notNull("snapshot", snapshot);
            features = Map.copyOf(features);
        }

        Optional<Feature> feature(FeatureId id) {
            return features.getOrDefault(id, Optional.empty());
        }
    }

    private final Source source;

    public SnapshotAuthz(Source source) {
        this.source = source;
    }

    @Override
    public boolean check(UserId user, FeatureId feature, String action) {
        return explain(user, feature, action).allowed();
    }

    @Override
    public boolean check(UserId user, String featureCode, String action) {
        Validate.notNull("userId", user);
        String code = Validate.code("featureCode", featureCode);
        String a = Validate.action("action", action);
        return source.featureId(code).map(f -> check(user, f, a)).orElse(false);
    }

    @Override
    public Map<Permission, Boolean> checkAll(UserId user, Collection<Permission> permissions) {
        Validate.notNull("userId", user);
        Validate.notNull("permissions", permissions);
        permissions.forEach(p -> Validate.notNull("permissions", p));
        Set<FeatureId> asked = new HashSet<>();
        permissions.forEach(p -> asked.add(p.featureId()));
        Loaded l = source.load(user, asked);
        Map<Permission, Boolean> out = new LinkedHashMap<>();
        for (Permission p : permissions) {
            out.put(p, AccessEvaluator.explain(l.snapshot(), l.feature(p.featureId()), p.action()).allowed());
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public Decision explain(UserId user, FeatureId feature, String action) {
        Validate.notNull("userId", user);
        Permission p = new Permission(feature, action);   // validates feature and action
        Loaded l = source.load(user, Set.of(p.featureId()));
        return AccessEvaluator.explain(l.snapshot(), l.feature(p.featureId()), p.action());
    }

    @Override
    public SortedSet<Permission> effectivePermissions(UserId user) {
        Validate.notNull("userId", user);
        return AccessEvaluator.effectivePermissions(source.snapshot(user), source::feature);
    }

    @Override
    public boolean canAccessView(UserId user, ViewId view) {
        return explainView(user, view).allowed();
    }

    @Override
    public Decision explainView(UserId user, ViewId view) {
        Validate.notNull("userId", user);
        Validate.notNull("viewId", view);
        return AccessEvaluator.explainView(source.snapshot(user), source.viewExists(view), view);
    }

    @Override
    public SortedSet<ViewId> accessibleViews(UserId user) {
        Validate.notNull("userId", user);
        return AccessEvaluator.accessibleViews(source.snapshot(user));
    }
}
