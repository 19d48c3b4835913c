package dev.iamkit.authz;

import dev.iamkit.model.Effect;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.ModuleId;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Permission;
import dev.iamkit.model.RoleId;
import dev.iamkit.model.TeamId;
import dev.iamkit.model.UserId;
import dev.iamkit.model.Validate;
import dev.iamkit.model.ViewId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

/**
 * Everything the rules need to know about one user in one organization at one moment, as a store
 * reads it. A store fills it; {@link AccessEvaluator} applies the rules, so every store decides
 * and explains the same way.
 *
 * @param blocked the first failing condition among rules 1 and 2, empty when both pass
 * @param entitledFeatures features usable through active entitlements, with the modules that make them usable
 * @param entitledViews views usable through active entitlements, with their modules
 * @param roles the user's unexpired role assignments (one entry per role and route: direct, or per team)
 */
public record AccessSnapshot(
        OrgId orgId,
        UserId userId,
        Optional<Decision.Reason> blocked,
        Map<FeatureId, SortedSet<ModuleId>> entitledFeatures,
        Map<ViewId, SortedSet<ModuleId>> entitledViews,
        List<RoleGrants> roles) {

    /** The grants of one role that reaches the user, and the team it came through, if any. */
    public record RoleGrants(RoleId roleId, Optional<TeamId> viaTeam, Map<Permission, Effect> features, Map<ViewId, Effect> views) {
        static final Comparator<RoleGrants> ORDER = Comparator.comparing(RoleGrants::roleId)
                .thenComparing(r -> r.viaTeam().orElse(null), Comparator.nullsFirst(Comparator.naturalOrder()));

        public RoleGrants {
            Validate.notNull("roleId", roleId);
            viaTeam = Validate.present("viaTeam", viaTeam);
            features = Map.copyOf(features);
            views = Map.copyOf(views);
        }
    }

    public AccessSnapshot {
        Validate.notNull("orgId", orgId);
        Validate.notNull("userId", userId);
        blocked = Validate.present("blocked", blocked);
        entitledFeatures = Map.copyOf(entitledFeatures);
        entitledViews = Map.copyOf(entitledViews);
        roles = roles.stream().sorted(RoleGrants.ORDER).toList();
    }

    /** A snapshot for a user who fails rule 1 or 2: nothing else needs reading. */
    public static AccessSnapshot blocked(OrgId org, UserId user, Decision.Reason reason) {
        return new AccessSnapshot(org, user, Optional.of(reason), Map.of(), Map.of(), List.of());
    }
}
