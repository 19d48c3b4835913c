package dev.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.TenantScope;
import dev.iamkit.authz.Authz;
import dev.iamkit.authz.CacheMetrics;
import dev.iamkit.authz.Consistency;
import dev.iamkit.error.IamException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.Actor;
import dev.iamkit.model.Effect;
import dev.iamkit.model.Feature;
import dev.iamkit.model.Grant;
import dev.iamkit.model.MembershipStatus;
import dev.iamkit.model.Module;
import dev.iamkit.model.NewFeature;
import dev.iamkit.model.NewModule;
import dev.iamkit.model.NewRole;
import dev.iamkit.model.NewTeam;
import dev.iamkit.model.NewView;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.OrgRole;
import dev.iamkit.model.Permission;
import dev.iamkit.model.Principal;
import dev.iamkit.model.Revision;
import dev.iamkit.model.RoleId;
import dev.iamkit.model.TeamId;
import dev.iamkit.model.User;
import dev.iamkit.model.UserStatus;
import dev.iamkit.model.View;
import dev.iamkit.model.ViewAccess;
import dev.iamkit.model.ViewId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.SortedSet;
import org.junit.jupiter.api.Test;

/**
 * The cache is exact: after each of thousands of random writes (assignments to users and teams,
 * with and without expiry; team membership; grants, denies, replacements and view grants; role
 * inclusion and deletion; entitlements; memberships; users' status; the catalog; transactions
 * that commit and ones that roll back; the clock passing expiries), every user's cached answers
 * (default consistency, {@code atLeast} the last write's revision, and {@link Consistency#full()},
 * which answers from an entry the store's current revisions prove current) equal what
 * {@link Consistency#uncached()} reads from the store: checks by id and by code for every
 * permission, {@code checkAll}, effective permissions and accessible views. Nothing is compared
 * with the store's own earlier answers, so an entry the cache failed to drop shows up as a
 * difference.
 */
public abstract class CacheExactnessContract extends ContractBase {
    private static final String[] ACTIONS = {"read", "write", "approve"};
    private static final long SEED = Long.getLong("iamkit.cache-exactness.seed", 20_261_205L);

    private final List<OrgId> orgs = new ArrayList<>();
    private final List<List<User>> members = new ArrayList<>();
    private final List<List<TeamId>> teams = new ArrayList<>();
    private final List<List<RoleId>> roles = new ArrayList<>();
    private final List<Module> modules = new ArrayList<>();
    private final List<Feature> features = new ArrayList<>();
    private final List<View> views = new ArrayList<>();
    private final List<Permission> permissions = new ArrayList<>();
    /** Whether the last write could reach both organizations (global data, the clock); else only its own is compared. */
    private boolean global;

    /** How many random writes a run makes; a store whose compiles are slow may ask for fewer (never under 1,000). */
    protected int steps() {
        return Integer.getInteger("iamkit.cache-exactness.steps", 3000);
    }

    @Test
    void everyCachedAnswerEqualsTheStoresAfterEachRandomWrite() {
        build();
        Random random = new Random(SEED);
        int compared = 0;
        int failedWrites = 0;
        CacheMetrics before = db.accessCache().metrics();
        for (int step = 0; step < steps(); step++) {
            int org = random.nextInt(orgs.size());
            Optional<Revision> written;
            try {
                written = write(random, org);
            } catch (IamException e) {
                failedWrites++;     // a random write may be refused (unknown role, bad link); the cache must still be exact
                written = Optional.empty();
            }
            compared += global ? compareEveryUser(step, written, 0) + compareEveryUser(step, written, 1) : compareEveryUser(step, written, org);
        }
        CacheMetrics after = db.accessCache().metrics();
        System.out.printf("cache exactness: %d writes (%d refused), %d answers compared, %d hits, %d misses%n",
                steps(), failedWrites, compared, after.hits() - before.hits(), after.misses() - before.misses());
        // the comparison is only worth something if most cached answers came from memory
        assertThat(after.hits() - before.hits()).as("cache hits").isGreaterThan(after.misses() - before.misses());
    }

    private void build() {
        for (int m = 0; m < 3; m++) {
            Module module = db.catalog().modules().create(new NewModule("mod-" + m + "-" + data.next(), "Module " + m));
            modules.add(module);
            for (int f = 0; f < 3; f++) {
                Feature feature = db.catalog().features().create(new NewFeature("feat-" + m + f + "-" + data.next(), "Feature", List.of(ACTIONS)));
                db.catalog().linkFeature(module.id(), feature.id());
                features.add(feature);
                for (String a : ACTIONS) {
                    permissions.add(Permission.of(feature.id(), a));
                }
            }
            View view = db.catalog().views().create(new NewView("view-" + m + "-" + data.next(), "View", "/v" + m));
            db.catalog().linkView(module.id(), view.id());
            views.add(view);
        }
        for (int o = 0; o < 2; o++) {
            OrgId org = data.org().id();
            orgs.add(org);
            List<User> users = new ArrayList<>();
            for (int u = 0; u < 5; u++) {
                users.add(data.member(org));
            }
            members.add(users);
            TenantScope t = db.tenant(org);
            modules.forEach(m -> t.entitlements().entitle(m.id()));
            List<TeamId> ts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ts.add(t.teams().create(new NewTeam("Team " + i)).id());
            }
            teams.add(ts);
            List<RoleId> rs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                rs.add(t.roles().create(new NewRole("role-" + i, "Role " + i)).id());
            }
            roles.add(rs);
        }
    }

    private <T> T any(Random r, List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    /** One random write in organization {@code o}; the revision it made, if the store reports one. */
    private Optional<Revision> write(Random r, int o) {
        OrgId org = orgs.get(o);
        TenantScope t = db.tenant(org);
        User user = any(r, members.get(o));
        TeamId team = any(r, teams.get(o));
        RoleId role = any(r, roles.get(o));
        Feature feature = any(r, features);
        String action = ACTIONS[r.nextInt(ACTIONS.length)];
        int kind = r.nextInt(100);
        global = kind >= 81 && kind < 86 || kind >= 90 && kind < 95;
        if (kind < 14) {
            Optional<java.time.Instant> expiry = r.nextInt(4) == 0 ? Optional.of(clock.instant().plus(Duration.ofMinutes(1 + r.nextInt(20))))
                    : Optional.empty();
            t.assignments().assign(role, Principal.user(user.id()), expiry);
        } else if (kind < 22) {
            t.assignments().unassign(role, Principal.user(user.id()));
        } else if (kind < 28) {
            Optional<java.time.Instant> expiry = r.nextInt(4) == 0 ? Optional.of(clock.instant().plus(Duration.ofMinutes(1 + r.nextInt(20))))
                    : Optional.empty();
            t.assignments().assign(role, Principal.team(team), expiry);
        } else if (kind < 32) {
            t.assignments().unassign(role, Principal.team(team));
        } else if (kind < 38) {
            t.teams().addMember(team, user.id());
        } else if (kind < 42) {
            t.teams().removeMember(team, user.id());
        } else if (kind < 54) {
            t.grants().grant(role, new Grant(feature.id(), action, r.nextInt(5) == 0 ? Effect.DENY : Effect.ALLOW));
        } else if (kind < 60) {
            t.grants().revoke(role, feature.id(), action);
        } else if (kind < 63) {
            t.grants().replace(role, List.of(Grant.allow(feature.id(), action), Grant.allow(any(r, features).id(), ACTIONS[r.nextInt(3)])));
        } else if (kind < 67) {
            ViewId view = any(r, views).id();
            if (r.nextBoolean()) {
                t.grants().grantView(role, new ViewAccess(view, r.nextInt(4) == 0 ? Effect.DENY : Effect.ALLOW));
            } else {
                t.grants().revokeView(role, view);
            }
        } else if (kind < 72) {
            RoleId other = any(r, roles.get(o));
            if (r.nextBoolean()) {
                t.roles().include(role, other);
            } else {
                t.roles().exclude(role, other);
            }
        } else if (kind < 74) {
            t.roles().delete(role);
            roles.get(o).set(roles.get(o).indexOf(role), t.roles().create(new NewRole("role-" + data.next(), "Role")).id());
        } else if (kind < 78) {
            Module module = any(r, modules);
            switch (r.nextInt(3)) {
                case 0 -> t.entitlements().entitle(module.id(),
                        r.nextBoolean() ? Optional.of(clock.instant().plus(Duration.ofMinutes(1 + r.nextInt(30)))) : Optional.empty());
                case 1 -> t.entitlements().setEnabled(module.id(), r.nextInt(3) != 0);
                default -> t.entitlements().revoke(module.id());
            }
        } else if (kind < 81) {
            t.memberships().find(user.id()).ifPresent(m -> t.memberships().update(m.withStatus(r.nextInt(3) == 0 ? MembershipStatus.SUSPENDED
                    : MembershipStatus.ACTIVE)));
        } else if (kind < 83) {
            db.users().find(user.id()).ifPresent(u -> db.users().update(u.withStatus(r.nextInt(3) == 0 ? UserStatus.SUSPENDED : UserStatus.ACTIVE)));
        } else if (kind < 86) {
            Module module = any(r, modules);
            switch (r.nextInt(5)) {
                case 0 -> db.catalog().modules().update(module.withEnabled(r.nextInt(3) != 0));
                case 1 -> db.catalog().unlinkFeature(module.id(), feature.id());
                case 2 -> db.catalog().linkFeature(module.id(), feature.id());
                case 3 -> db.catalog().unlinkView(module.id(), any(r, views).id());
                default -> db.catalog().linkView(module.id(), any(r, views).id());
            }
            modules.replaceAll(m -> db.catalog().modules().find(m.id()).orElseThrow());
        } else if (kind < 90) {
            boolean rollBack = r.nextInt(3) == 0;
            RoleId other = any(r, roles.get(o));
            try {
                db.inTenant(org, Actor.system(), tx -> {
                    tx.grants().grant(role, Grant.allow(feature.id(), action));
                    tx.assignments().assign(other, Principal.user(user.id()), Optional.empty());
                    tx.teams().addMember(team, any(r, members.get(o)).id());
                    if (rollBack) {
                        throw new ValidationException("work", "the host's work failed, so all of it rolls back");
                    }
                    return null;
                });
            } catch (ValidationException e) {
                if (!rollBack) {
                    throw e;
                }
            }
        } else if (kind < 95) {
            clock.advance(Duration.ofMinutes(1 + r.nextInt(10)));
        } else {
            // a write that is not access data: the answers must not change, and need not be recompiled
            t.teams().create(new NewTeam("Spare " + data.next()));
        }
        return t.lastWriteRevision();
    }

    /** Compares the cached answers of every user of organization {@code o} with the store's; returns how many answers were compared. */
    private int compareEveryUser(int step, Optional<Revision> written, int o) {
        int compared = 0;
        OrgId org = orgs.get(o);
        Authz store = db.tenant(org).authz(Consistency.uncached());
        Authz full = db.tenant(org).authz(Consistency.full());
        Authz cached = db.tenant(org).authz();
        Authz atLeast = written.filter(w -> w.orgId().equals(org)).map(w -> db.tenant(org).authz(Consistency.atLeast(w))).orElse(cached);
        for (User u : members.get(o)) {
            SortedSet<Permission> truth = store.effectivePermissions(u.id());
            SortedSet<ViewId> visible = store.accessibleViews(u.id());
            String where = "step " + step + ", seed " + SEED + ", organization " + o + ", user " + u.email();
            if (members.get(o).indexOf(u) == step % members.get(o).size()) {     // one user a step (a read of the store each), asked before
                // the default answers below compile its entry again, so full() meets the entry the write left
                assertThat(full.effectivePermissions(u.id())).as(where + ", full").isEqualTo(truth);
                assertThat(full.accessibleViews(u.id())).as(where + ", full views").isEqualTo(visible);
                Permission one = permissions.get(Math.floorMod(step * 31 + u.id().hashCode(), permissions.size()));
                assertThat(full.check(u.id(), one.featureId(), one.action())).as(where + ", full, " + one).isEqualTo(truth.contains(one));
                compared += 3;
            }
            assertThat(cached.effectivePermissions(u.id())).as(where).isEqualTo(truth);
            assertThat(atLeast.effectivePermissions(u.id())).as(where + ", atLeast").isEqualTo(truth);
            assertThat(cached.accessibleViews(u.id())).as(where).isEqualTo(visible);
            assertThat(cached.checkAll(u.id(), permissions).entrySet().stream().filter(e -> e.getValue()).map(e -> e.getKey()).toList())
                    .as(where + ", checkAll").containsExactlyInAnyOrderElementsOf(truth);
            for (Feature f : features) {
                for (String a : ACTIONS) {
                    boolean expected = truth.contains(Permission.of(f.id(), a));
                    assertThat(cached.check(u.id(), f.id(), a)).as(where + ", " + f.code() + " " + a).isEqualTo(expected);
                    assertThat(cached.check(u.id(), f.code(), a)).as(where + ", by code " + f.code() + " " + a).isEqualTo(expected);
                }
            }
            for (View v : views) {
                assertThat(cached.canAccessView(u.id(), v.id())).as(where + ", view " + v.code()).isEqualTo(visible.contains(v.id()));
            }
            compared += 4 + 2 * permissions.size() + views.size();
        }
        return compared;
    }
}
