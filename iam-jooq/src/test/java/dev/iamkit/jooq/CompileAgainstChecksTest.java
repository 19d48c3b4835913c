package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.IamDatabase;
import dev.iamkit.TenantScope;
import dev.iamkit.authz.Authz;
import dev.iamkit.authz.Consistency;
import dev.iamkit.error.IamException;
import dev.iamkit.model.Effect;
import dev.iamkit.model.Feature;
import dev.iamkit.model.Grant;
import dev.iamkit.model.MembershipStatus;
import dev.iamkit.model.ModuleId;
import dev.iamkit.model.NewFeature;
import dev.iamkit.model.NewModule;
import dev.iamkit.model.NewOrganization;
import dev.iamkit.model.NewRole;
import dev.iamkit.model.NewTeam;
import dev.iamkit.model.NewUser;
import dev.iamkit.model.NewView;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.OrgRole;
import dev.iamkit.model.OrgStatus;
import dev.iamkit.model.Principal;
import dev.iamkit.model.RoleId;
import dev.iamkit.model.TeamId;
import dev.iamkit.model.UserId;
import dev.iamkit.model.UserStatus;
import dev.iamkit.model.ViewAccess;
import dev.iamkit.model.ViewId;
import dev.iamkit.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The compile a cache miss makes (V16; since V35 the user's own rows alone when the store's copies
 * are current, else {@code compile_direct}) against the rules: over a seeded
 * random world with expiries, teams, inclusions, denies, disabled modules and entitlements and
 * suspended organizations, users and memberships, every answer of the cached store equals the
 * uncached check ({@code Consistency.uncached()}, the V6/V12 functions) and the cached answer of a
 * store that compiles with the statement ({@code distributed(true)}), for every user, permission
 * and view, and again after the clock passes the world's expiries (so a wrong earliest expiry
 * would leave a stale answer in the cache).
 */
class CompileAgainstChecksTest {
    private static final PostgresFixture FIXTURE = new PostgresFixture("compilecheck", PostgresIamConfig.defaults().cacheSize());
    private static final String[] ACTIONS = {"read", "write", "delete"};

    private final List<Feature> features = new ArrayList<>();
    private final List<ViewId> views = new ArrayList<>();
    private final List<ModuleId> modules = new ArrayList<>();

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void everyCompiledAnswerIsTheUncachedAnswer(long seed) {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        Random random = new Random(seed);
        IamDatabase db = FIXTURE.open(clock);
        IamDatabase statement = PostgresIam.create(FIXTURE.pool(),
                PostgresIamConfig.defaults().withSchema(FIXTURE.schema()).withDistributed(true), clock);
        try {
            catalog(db, random);
            List<OrgId> orgs = new ArrayList<>();
            List<List<UserId>> users = new ArrayList<>();
            for (int o = 0; o < 2; o++) {
                OrgId org = db.organizations().create(new NewOrganization("org-" + o, "Org " + o)).id();
                orgs.add(org);
                users.add(tenantWorld(db, org, random, clock, o));
            }
            if (random.nextInt(3) == 0) {
                db.organizations().update(db.organizations().find(orgs.get(1)).orElseThrow().withStatus(OrgStatus.SUSPENDED));
            }
            long missesBefore = db.accessCache().metrics().misses();
            AccessFunctions compiles = ((PostgresIam) db).accessFunctions();   // null on Citus, where one statement compiles
            long ownBefore = compiles == null ? 0 : compiles.ownCompiles.sum();
            long functionBefore = compiles == null ? 0 : compiles.functionCompiles.sum();
            int compared = 0;
            for (int step = 0; step < 4; step++) {
                for (int o = 0; o < orgs.size(); o++) {
                    compared += compare(db, statement, orgs.get(o), users.get(o));
                }
                clock.advance(Duration.ofHours(9));
            }
            assertThat(compared).isGreaterThan(1000);
            assertThat(db.accessCache().metrics().misses() - missesBefore).as("answers came from compiles").isGreaterThan(0);
            if (compiles != null) {
                // both ways of a compile (V35) were compared: the user's own rows alone, with the copies; and compile_direct
                assertThat(compiles.ownCompiles.sum() - ownBefore).as("compiles by the own statement alone").isGreaterThan(0);
                assertThat(compiles.functionCompiles.sum() - functionBefore).as("compiles by compile_direct").isGreaterThan(0);
            }
        } finally {
            statement.close();
            db.close();
        }
    }

    /** Every user, permission and view of {@code org}: the cached answers of both stores equal the uncached one. */
    private int compare(IamDatabase db, IamDatabase statement, OrgId org, List<UserId> users) {
        TenantScope tenant = db.tenant(org);
        Authz cached = tenant.authz();
        Authz full = tenant.authz(Consistency.uncached());
        Authz statementCached = statement.tenant(org).authz();
        int n = 0;
        for (UserId u : users) {
            for (Feature f : features) {
                for (String a : ACTIONS) {
                    boolean expected = full.check(u, f.id(), a);
                    String what = org + " " + u + " " + f.code() + " " + a;
                    assertThat(cached.check(u, f.id(), a)).as("compiled: " + what).isEqualTo(expected);
                    assertThat(cached.check(u, f.code(), a)).as("compiled, by code: " + what).isEqualTo(expected);
                    assertThat(statementCached.check(u, f.id(), a)).as("compiled by the statement: " + what).isEqualTo(expected);
                    n++;
                }
            }
            for (ViewId v : views) {
                boolean expected = full.canAccessView(u, v);
                assertThat(cached.canAccessView(u, v)).as("compiled: " + org + " " + u + " view " + v).isEqualTo(expected);
                assertThat(statementCached.canAccessView(u, v)).as("compiled by the statement: " + org + " " + u + " view " + v).isEqualTo(expected);
                n++;
            }
        }
        return n;
    }

    private void catalog(IamDatabase db, Random random) {
        features.clear();
        views.clear();
        modules.clear();
        for (int m = 0; m < 4; m++) {
            modules.add(db.catalog().modules().create(new NewModule("mod-" + m, "M", "", m != 3 || random.nextBoolean(), m)).id());
        }
        for (int i = 0; i < 8; i++) {
            Feature f = db.catalog().features().create(new NewFeature("feat-" + i, "F", List.of(ACTIONS).subList(0, 1 + random.nextInt(3))));
            features.add(f);
            db.catalog().linkFeature(modules.get(random.nextInt(4)), f.id());
            if (random.nextInt(3) == 0) {
                ModuleId second = modules.get(random.nextInt(4));
                quietly(() -> db.catalog().linkFeature(second, f.id()));
            }
        }
        for (int v = 0; v < 4; v++) {
            views.add(db.catalog().views().create(new NewView("view-" + v, "V", "/v" + v)).id());
            db.catalog().linkView(modules.get(random.nextInt(4)), views.get(v));
        }
    }

    /** Entitlements, members, teams, roles with grants, inclusions and assignments, some expiring, for {@code org}; its users. */
    private List<UserId> tenantWorld(IamDatabase db, OrgId org, Random random, MutableClock clock, int o) {
        TenantScope t = db.tenant(org);
        Supplier<Optional<Instant>> expiry = () -> random.nextInt(3) == 0
                ? Optional.of(clock.instant().plus(Duration.ofHours(1 + random.nextInt(30)))) : Optional.empty();
        for (ModuleId m : modules) {
            if (random.nextInt(5) > 0) {
                t.entitlements().entitle(m, expiry.get());
                if (random.nextInt(5) == 0) {
                    t.entitlements().setEnabled(m, false);
                }
            }
        }
        List<UserId> users = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            UserStatus status = random.nextInt(6) == 0 ? UserStatus.SUSPENDED : UserStatus.ACTIVE;
            UserId u = db.users().create(new NewUser("u" + o + "-" + i + "@example.com", "User " + i, status)).id();
            users.add(u);
            switch (random.nextInt(8)) {
                case 0 -> t.memberships().invite(u, OrgRole.MEMBER);
                case 1 -> {
                    t.memberships().add(u, OrgRole.MEMBER);
                    t.memberships().update(t.memberships().find(u).orElseThrow().withStatus(MembershipStatus.SUSPENDED));
                }
                case 2 -> {
                }   // not a member
                default -> t.memberships().add(u, OrgRole.MEMBER);
            }
        }
        List<TeamId> teams = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            TeamId team = t.teams().create(new NewTeam("Team " + i)).id();
            teams.add(team);
            for (UserId u : users) {
                if (random.nextInt(3) == 0) {
                    quietly(() -> t.teams().addMember(team, u));
                }
            }
        }
        List<RoleId> roles = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            RoleId r = t.roles().create(new NewRole("role-" + i, "Role " + i)).id();
            roles.add(r);
            for (int g = 0; g < 6; g++) {
                Feature f = features.get(random.nextInt(features.size()));
                String action = f.actions().stream().skip(random.nextInt(f.actions().size())).findFirst().orElseThrow();
                t.grants().grant(r, new Grant(f.id(), action, random.nextInt(5) == 0 ? Effect.DENY : Effect.ALLOW));
            }
            t.grants().grantView(r, new ViewAccess(views.get(random.nextInt(views.size())), random.nextInt(4) == 0 ? Effect.DENY : Effect.ALLOW));
        }
        for (int i = 0; i < 4; i++) {
            RoleId a = roles.get(random.nextInt(roles.size()));
            RoleId b = roles.get(random.nextInt(roles.size()));
            quietly(() -> t.roles().include(a, b));   // a cycle or a self-inclusion is refused
        }
        for (UserId u : users) {
            for (int i = random.nextInt(3); i > 0; i--) {
                RoleId r = roles.get(random.nextInt(roles.size()));
                quietly(() -> t.assignments().assign(r, Principal.user(u), expiry.get()));
            }
        }
        for (TeamId team : teams) {
            RoleId r = roles.get(random.nextInt(roles.size()));
            t.assignments().assign(r, Principal.team(team), expiry.get());
        }
        return users;
    }

    /** A call the world may refuse (a cycle, a non-member in a team, a second link): the world goes on without it. */
    private static void quietly(Runnable call) {
        try {
            call.run();
        } catch (IamException refused) {
            // refused by the rules: nothing was written
        }
    }
}
