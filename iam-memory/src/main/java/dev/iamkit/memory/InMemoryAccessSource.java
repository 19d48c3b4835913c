package dev.iamkit.memory;

import dev.iamkit.authz.AccessSnapshot;
import dev.iamkit.authz.AuthzCache;
import dev.iamkit.authz.CompiledAccess;
import dev.iamkit.authz.AccessSnapshot.RoleGrants;
import dev.iamkit.authz.Decision.Reason;
import dev.iamkit.authz.SnapshotAuthz;
import dev.iamkit.memory.MemoryState.Link;
import dev.iamkit.model.Assignment;
import dev.iamkit.model.Effect;
import dev.iamkit.model.Entitlement;
import dev.iamkit.model.Feature;
import dev.iamkit.model.FeatureGrant;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.Membership;
import dev.iamkit.model.MembershipStatus;
import dev.iamkit.model.Module;
import dev.iamkit.model.ModuleId;
import dev.iamkit.model.OrgStatus;
import dev.iamkit.model.Organization;
import dev.iamkit.model.Permission;
import dev.iamkit.model.Principal;
import dev.iamkit.model.RoleId;
import dev.iamkit.model.TeamId;
import dev.iamkit.model.TeamPrincipal;
import dev.iamkit.model.User;
import dev.iamkit.model.UserId;
import dev.iamkit.model.UserStatus;
import dev.iamkit.model.Validate;
import dev.iamkit.model.ViewGrant;
import dev.iamkit.model.ViewId;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads what the authorization rules need about one user, in one organization, at the clock's
 * now; {@link dev.iamkit.authz.AccessEvaluator} does the deciding. Inside {@code inTenant} it sees
 * the transaction's own writes, because they are already in the state.
 */
final class InMemoryAccessSource implements SnapshotAuthz.Source {
    private static final TreeSet<RoleId> NO_ROLES = new TreeSet<>();
    private final TenantContext ctx;

    InMemoryAccessSource(TenantContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public AccessSnapshot snapshot(UserId user) {
        return ctx.read(d -> read(d, user));
    }

    /** The user's compiled access with both revisions and the earliest expiry it depends on, read under one lock. */
    CompiledAccess compile(UserId user) {
        Validate.notNull("userId", user);
        return ctx.read(d -> CompiledAccess.of(read(d, user), id -> Optional.ofNullable(ctx.state.features.get(id)), d.revision,
                ctx.state.globalRevision, validUntil(d, user, ctx.now()), teamsOf(d, user)));
    }

    /**
     * For {@code Consistency.full()}: the organization's revision and the global revision, read
     * under the lock a compile reads under. The global revision moves with every change of global
     * data, not only the ones checks depend on: an entry compiled before any of them is compiled
     * again, never wrongly kept.
     */
    AuthzCache.Floor current() {
        return ctx.read(d -> new AuthzCache.Floor(d.revision, ctx.state.globalRevision));
    }

    /** Every team the user is in, whether or not a role reaches the user through it (an assignment to it would). */
    private static Set<java.util.UUID> teamsOf(TenantData d, UserId user) {
        Set<java.util.UUID> teams = new HashSet<>();
        d.teamMembers.forEach((team, members) -> {
            if (members.contains(user)) {
                teams.add(team.value());
            }
        });
        return teams;
    }

    /** The earliest future expiry among the organization's entitlements and the assignments that reach the user. */
    private static Optional<Instant> validUntil(TenantData d, UserId user, Instant now) {
        Instant earliest = null;
        for (Entitlement e : d.entitlements.values()) {
            earliest = earlier(earliest, e.expiresAt(), now);
        }
        Set<Principal> routes = new HashSet<>();
        routes.add(Principal.user(user));
        d.teamMembers.forEach((team, members) -> {
            if (members.contains(user)) {
                routes.add(Principal.team(team));
            }
        });
        for (TreeMap<Principal, Assignment> held : d.assignments.values()) {
            for (Principal p : routes) {
                Assignment a = held.get(p);
                if (a != null) {
                    earliest = earlier(earliest, a.expiresAt(), now);
                }
            }
        }
        return Optional.ofNullable(earliest);
    }

    private static Instant earlier(Instant earliest, Optional<Instant> expiry, Instant now) {
        if (expiry.isEmpty() || !expiry.get().isAfter(now)) {
            return earliest;
        }
        return earliest == null || expiry.get().isBefore(earliest) ? expiry.get() : earliest;
    }

    @Override
    public Optional<Feature> feature(FeatureId id) {
        return ctx.read(d -> Optional.ofNullable(ctx.state.features.get(id)));
    }

    @Override
    public Optional<FeatureId> featureId(String code) {
        return ctx.read(d -> ctx.state.features.values().stream().filter(f -> f.code().equals(code)).map(Feature::id).findFirst());
    }

    @Override
    public boolean viewExists(ViewId id) {
        return ctx.read(d -> ctx.state.views.containsKey(id));
    }

    /** The snapshot of {@code user} from data already read under the lock (lookups read many under one). */
    AccessSnapshot read(TenantData d, UserId user) {
        Optional<Reason> blocked = blocked(d, user);
        if (blocked.isPresent()) {
            return AccessSnapshot.blocked(ctx.org, user, blocked.get());
        }
        Instant now = ctx.now();
        Set<ModuleId> usable = new HashSet<>();
        for (Entitlement e : d.entitlements.values()) {
            Module m = ctx.state.modules.get(e.moduleId());
            if (e.activeAt(now) && m != null && m.enabled()) {
                usable.add(m.id());
            }
        }
        Map<FeatureId, SortedSet<ModuleId>> features = new HashMap<>();
        for (Link<ModuleId, FeatureId> l : ctx.state.moduleFeatures) {
            if (usable.contains(l.left())) {
                features.computeIfAbsent(l.right(), k -> new TreeSet<>()).add(l.left());
            }
        }
        Map<ViewId, SortedSet<ModuleId>> views = new HashMap<>();
        for (Link<ModuleId, ViewId> l : ctx.state.moduleViews) {
            if (usable.contains(l.left())) {
                views.computeIfAbsent(l.right(), k -> new TreeSet<>()).add(l.left());
            }
        }
        return new AccessSnapshot(ctx.org, user, Optional.empty(), features, views, roles(d, user, now));
    }

    /** The first of rules 1 and 2 that fails, in the order of {@link Reason}. */
    private Optional<Reason> blocked(TenantData d, UserId user) {
        Organization o = ctx.state.organizations.get(ctx.org);
        if (o == null) {
            return Optional.of(Reason.ORGANIZATION_NOT_FOUND);
        }
        if (o.deleted()) {
            return Optional.of(Reason.ORGANIZATION_DELETED);
        }
        if (o.status() != OrgStatus.ACTIVE) {
            return Optional.of(Reason.ORGANIZATION_SUSPENDED);
        }
        // A tenant knows nothing of users who are not its members, not even whether they exist.
        Membership m = d.memberships.get(user);
        if (m == null) {
            return Optional.of(Reason.NOT_A_MEMBER);
        }
        User u = ctx.state.users.get(user);   // a membership's user exists: removing a user removes its memberships
        if (u.deleted()) {
            return Optional.of(Reason.USER_DELETED);
        }
        if (u.status() != UserStatus.ACTIVE) {
            return Optional.of(Reason.USER_NOT_ACTIVE);
        }
        if (m.status() != MembershipStatus.ACTIVE) {
            return Optional.of(Reason.MEMBERSHIP_NOT_ACTIVE);
        }
        return Optional.empty();
    }

    /**
     * One entry per unexpired assignment that reaches the user (directly, or through each team it
     * is in), plus one for each role such a role includes, transitively, by the same route; a role
     * reached several ways by one route counts once.
     */
    private List<RoleGrants> roles(TenantData d, UserId user, Instant now) {
        List<Principal> routes = new ArrayList<>();
        routes.add(Principal.user(user));
        d.teamMembers.forEach((team, members) -> {
            if (members.contains(user) && d.teams.containsKey(team)) {
                routes.add(Principal.team(team));
            }
        });
        Map<Optional<TeamId>, Set<RoleId>> reached = new HashMap<>();
        List<RoleGrants> out = new ArrayList<>();
        for (Map.Entry<RoleId, TreeMap<Principal, Assignment>> held : d.assignments.entrySet()) {
            for (Principal p : routes) {
                Assignment a = held.getValue().get(p);
                if (a != null && a.activeAt(now)) {
                    Optional<TeamId> via = p instanceof TeamPrincipal t ? Optional.of(t.teamId()) : Optional.empty();
                    Set<RoleId> seen = reached.computeIfAbsent(via, k -> new HashSet<>());
                    ArrayDeque<RoleId> pending = new ArrayDeque<>();
                    pending.push(held.getKey());
                    while (!pending.isEmpty()) {
                        RoleId role = pending.pop();
                        if (seen.add(role)) {
                            out.add(grantsOf(d, role, via));
                            pending.addAll(d.inclusions.getOrDefault(role, NO_ROLES));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static RoleGrants grantsOf(TenantData d, RoleId role, Optional<TeamId> via) {
        Map<Permission, Effect> features = new HashMap<>();
        Map<Permission, FeatureGrant> grants = d.grants.getOrDefault(role, new TreeMap<>());
        grants.forEach((p, g) -> features.put(p, g.effect()));
        Map<ViewId, Effect> views = new HashMap<>();
        Map<ViewId, ViewGrant> viewGrants = d.viewGrants.getOrDefault(role, new TreeMap<>());
        viewGrants.forEach((v, g) -> views.put(v, g.effect()));
        return new RoleGrants(role, via, features, views);
    }
}
