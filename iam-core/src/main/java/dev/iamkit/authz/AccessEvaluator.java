package dev.iamkit.authz;

import dev.iamkit.authz.AccessSnapshot.RoleGrants;
import dev.iamkit.authz.Decision.Reason;
import dev.iamkit.model.Effect;
import dev.iamkit.model.Feature;
import dev.iamkit.model.ModuleId;
import dev.iamkit.model.Permission;
import dev.iamkit.model.ViewId;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/** Applies the five rules to an {@link AccessSnapshot}. Pure functions: no storage, no clock. */
public final class AccessEvaluator {
    private AccessEvaluator() {
    }

    /**
     * Decides a feature action. {@code feature} is the catalog entry, or empty when the id is unknown.
     */
    public static Decision explain(AccessSnapshot s, Optional<Feature> feature, String action) {
        if (s.blocked().isPresent()) {
            return Decision.denied(s.blocked().get());
        }
        if (feature.isEmpty()) {
            return Decision.denied(Reason.FEATURE_NOT_FOUND);
        }
        if (!feature.get().supports(action)) {
            return Decision.denied(Reason.UNKNOWN_ACTION);
        }
        SortedSet<ModuleId> modules = s.entitledFeatures().get(feature.get().id());
        if (modules == null || modules.isEmpty()) {
            return Decision.denied(Reason.NOT_ENTITLED);
        }
        Permission p = new Permission(feature.get().id(), action);
        return decide(s, r -> r.features().get(p), modules.first());
    }

    /** Decides access to a view; {@code viewExists} says whether the id is in the catalog. */
    public static Decision explainView(AccessSnapshot s, boolean viewExists, ViewId view) {
        if (s.blocked().isPresent()) {
            return Decision.denied(s.blocked().get());
        }
        if (!viewExists) {
            return Decision.denied(Reason.VIEW_NOT_FOUND);
        }
        SortedSet<ModuleId> modules = s.entitledViews().get(view);
        if (modules == null || modules.isEmpty()) {
            return Decision.denied(Reason.NOT_ENTITLED);
        }
        return decide(s, r -> r.views().get(view), modules.first());
    }

    private static Decision decide(AccessSnapshot s, Function<RoleGrants, Effect> effectOf, ModuleId module) {
        RoleGrants allow = null;
        for (RoleGrants r : s.roles()) {   // roles are sorted: the first match is the one to report
            Effect e = effectOf.apply(r);
            if (e == Effect.DENY) {
                return new Decision(false, Reason.DENIED, Optional.of(r.roleId()), r.viaTeam(), Optional.of(module));
            }
            if (e == Effect.ALLOW && allow == null) {
                allow = r;
            }
        }
        if (allow == null) {
            return new Decision(false, Reason.NO_ALLOW_GRANT, Optional.empty(), Optional.empty(), Optional.of(module));
        }
        return new Decision(true, Reason.ALLOWED, Optional.of(allow.roleId()), allow.viaTeam(), Optional.of(module));
    }

    /**
     * Every permission the user holds. {@code featureOf} resolves the catalog entry of a granted
     * feature, so grants of actions a feature no longer has are never reported.
     */
    public static SortedSet<Permission> effectivePermissions(AccessSnapshot s, Function<dev.iamkit.model.FeatureId, Optional<Feature>> featureOf) {
        if (s.blocked().isPresent()) {
            return Collections.emptySortedSet();
        }
        TreeSet<Permission> allowed = new TreeSet<>();
        TreeSet<Permission> denied = new TreeSet<>();
        for (RoleGrants r : s.roles()) {
            for (Map.Entry<Permission, Effect> g : r.features().entrySet()) {
                (g.getValue() == Effect.DENY ? denied : allowed).add(g.getKey());
            }
        }
        allowed.removeAll(denied);
        allowed.removeIf(p -> !s.entitledFeatures().containsKey(p.featureId())
                || !featureOf.apply(p.featureId()).map(f -> f.supports(p.action())).orElse(false));
        return Collections.unmodifiableSortedSet(allowed);
    }

    /** Every view the user may access. */
    public static SortedSet<ViewId> accessibleViews(AccessSnapshot s) {
        if (s.blocked().isPresent()) {
            return Collections.emptySortedSet();
        }
        TreeSet<ViewId> allowed = new TreeSet<>();
        TreeSet<ViewId> denied = new TreeSet<>();
        for (RoleGrants r : s.roles()) {
            for (Map.Entry<ViewId, Effect> g : r.views().entrySet()) {
                (g.getValue() == Effect.DENY ? denied : allowed).add(g.getKey());
            }
        }
        allowed.removeAll(denied);
        allowed.removeIf(v -> !s.entitledViews().containsKey(v));
        return Collections.unmodifiableSortedSet(allowed);
    }
}
