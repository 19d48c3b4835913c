package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.IamDatabase;
import dev.iamkit.TenantScope;
import dev.iamkit.authz.Consistency;
import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.IamException;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.StaleVersionException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.memory.InMemoryIam;
import dev.iamkit.model.Actor;
import dev.iamkit.model.Effect;
import dev.iamkit.model.FeatureId;
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
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Permission;
import dev.iamkit.model.Principal;
import dev.iamkit.model.RoleId;
import dev.iamkit.model.TeamId;
import dev.iamkit.model.UserId;
import dev.iamkit.model.UserStatus;
import dev.iamkit.model.ViewAccess;
import dev.iamkit.model.ViewId;
import dev.iamkit.support.Json;
import dev.iamkit.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The same seeded random sequence of API calls, covering every group and the checks, runs against
 * the in-memory and the PostgreSQL store; after every step both must have returned the same
 * result or thrown the same exception. Ids differ between the stores, so each is replaced by the
 * name of what it identifies ({@code role#3}) before comparing.
 */
class DifferentialTest {
    static final int STEPS = 3000;
    static final long SEED = Long.getLong("iamkit.differential.seed", 20_261_122L);
    private static final PostgresFixture FIXTURE = new PostgresFixture("differential");
    private static final UUID UNKNOWN = UUID.fromString("00000000-0000-7000-8000-0000000000ff");
    private static final Pattern UUIDS = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final String[] ACTIONS = {"read", "write", "approve"};

    /** One store and the ids it made, in creation order. */
    static final class Side {
        final IamDatabase db;
        final List<OrgId> orgs = new ArrayList<>();
        final List<UserId> users = new ArrayList<>();
        final List<ModuleId> modules = new ArrayList<>();
        final List<FeatureId> features = new ArrayList<>();
        final List<ViewId> views = new ArrayList<>();
        final List<TeamId> teams = new ArrayList<>();
        final List<RoleId> roles = new ArrayList<>();
        final Map<String, String> names = new HashMap<>();

        Side(IamDatabase db) {
            this.db = db;
            names.put(UNKNOWN.toString(), "unknown");
        }

        <T> T remember(List<T> list, T id, String kind) {
            list.add(id);
            names.put(id.toString(), kind + "#" + (list.size() - 1));
            return id;
        }

        String normalize(String text) {
            Matcher m = UUIDS.matcher(text);
            StringBuilder b = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(b, names.getOrDefault(m.group(), "?"));
            }
            m.appendTail(b);
            return b.toString();
        }

        String run(Function<Side, Object> op) {
            try {
                return "ok " + normalize(Json.write(op.apply(this)));
            } catch (IamException e) {
                String detail = switch (e) {
                    case NotFoundException n -> n.entity() + " " + n.id();
                    case AlreadyExistsException a -> a.entity() + " " + a.field() + " " + a.value();
                    case ValidationException v -> v.field();
                    case StaleVersionException s -> s.entity() + " " + s.id();
                    default -> "";
                };
                return "throws " + e.getClass().getSimpleName() + " " + normalize(detail);
            }
        }

        static <T> T pick(List<T> list, int k, T unknown) {
            return list.isEmpty() || k % (list.size() + 1) == list.size() ? unknown : list.get(k % list.size());
        }

        OrgId org(int k) {
            return pick(orgs, k, new OrgId(UNKNOWN));
        }

        UserId user(int k) {
            return pick(users, k, new UserId(UNKNOWN));
        }

        ModuleId module(int k) {
            return pick(modules, k, new ModuleId(UNKNOWN));
        }

        FeatureId feature(int k) {
            return pick(features, k, new FeatureId(UNKNOWN));
        }

        ViewId view(int k) {
            return pick(views, k, new ViewId(UNKNOWN));
        }

        TeamId team(int k) {
            return pick(teams, k, new TeamId(UNKNOWN));
        }

        RoleId role(int k) {
            return pick(roles, k, new RoleId(UNKNOWN));
        }

        TenantScope tenant(int k, int actor) {
            return actor % 3 == 0 ? db.tenant(org(k)) : db.tenant(org(k), Actor.user(user(actor)).withIp("198.51.100." + actor % 200));
        }
    }

    @Test
    void memoryAndPostgresGiveTheSameResultsAndExceptionsStepByStep() {
        MutableClock clock = new MutableClock();
        Side memory = new Side(InMemoryIam.create(clock));
        Side postgres = new Side(FIXTURE.open(clock));
        Random random = new Random(SEED);
        int exceptions = 0;
        for (int step = 0; step < STEPS; step++) {
            Draw d = new Draw(random);
            if (d.kind == 16) {
                clock.advance(Duration.ofMinutes(d.a % 3 == 0 ? 0 : d.b));
            }
            Function<Side, Object> op = operation(d, clock);
            String expected = memory.run(op);
            String actual = postgres.run(op);
            if (Boolean.getBoolean("iamkit.differential.trace")) {
                System.out.printf("%d k=%d a=%d b=%d c=%d e=%d f=%d -> %s%n", step, d.kind, d.a, d.b, d.c, d.e, d.f, expected);
            }
            if (expected.startsWith("throws")) {
                exceptions++;
            }
            assertThat(actual).as("step %d (%s), seed %d", step, d.kind, SEED).isEqualTo(expected);
        }
        System.out.printf("differential: %d steps compared, %d of them exceptions, %d orgs, %d users, %d roles%n",
                STEPS, exceptions, memory.orgs.size(), memory.users.size(), memory.roles.size());
        memory.db.close();
        postgres.db.close();
    }

    /** The random choices of one step, drawn once and applied to both stores. */
    static final class Draw {
        final int kind;
        final int a;
        final int b;
        final int c;
        final int e;
        final int f;

        Draw(Random r) {
            kind = r.nextInt(26);
            a = r.nextInt(1000);
            b = r.nextInt(1000);
            c = r.nextInt(1000);
            e = r.nextInt(1000);
            f = r.nextInt(1000);
        }
    }

    private static Function<Side, Object> operation(Draw d, MutableClock clock) {
        return switch (d.kind) {
            case 0 -> s -> s.remember(s.orgs, s.db.organizations().create(new NewOrganization("org-" + d.a % 12, "Org " + d.b)).id(), "org");
            case 1 -> s -> s.remember(s.users, s.db.users().create(new NewUser(
                    (d.b % 2 == 0 ? "User" : "user") + d.a % 20 + "@Example.com", "User " + d.c,
                    UserStatus.values()[d.e % 7 < 4 ? 0 : d.e % 4])).id(), "user");
            case 2 -> s -> s.db.organizations().find(s.org(d.a)).map(o -> s.db.organizations().update(
                    new dev.iamkit.model.Organization(o.id(), o.parentId(), o.slug(), "Renamed " + d.b,
                            d.c % 4 == 0 ? OrgStatus.SUSPENDED : OrgStatus.ACTIVE, Map.of("tier", (long) d.e % 3),
                            d.f % 5 == 0 ? o.version() + 1 : o.version(), o.createdAt(), o.updatedAt(), o.deletedAt())));
            case 3 -> s -> d.b % 2 == 0 ? s.db.organizations().delete(s.org(d.a)) : s.db.organizations().restore(s.org(d.a));
            case 4 -> s -> d.b % 3 == 0 ? s.db.users().delete(s.user(d.a)) : d.b % 3 == 1 ? s.db.users().restore(s.user(d.a))
                    : s.db.users().find(s.user(d.a)).map(u -> s.db.users().update(u.withStatus(UserStatus.values()[d.c % 4])));
            case 5 -> s -> switch (d.b % 3) {
                case 0 -> s.remember(s.modules, s.db.catalog().modules().create(new NewModule("mod-" + d.a % 8, "M", "", d.c % 5 != 0, d.e % 3)).id(), "module");
                case 1 -> s.remember(s.features, s.db.catalog().features().create(new NewFeature("feat-" + d.a % 10, "F",
                        List.of(ACTIONS).subList(0, 1 + d.c % 3))).id(), "feature");
                default -> s.remember(s.views, s.db.catalog().views().create(new NewView("view-" + d.a % 8, "V", "/v" + d.c % 9)).id(), "view");
            };
            case 6 -> s -> d.c % 2 == 0 ? s.db.catalog().linkFeature(s.module(d.a), s.feature(d.b)) : s.db.catalog().linkView(s.module(d.a), s.view(d.b));
            case 7 -> s -> switch (d.c % 3) {
                case 0 -> s.tenant(d.a, d.f).entitlements().entitle(s.module(d.b),
                        d.e % 3 == 0 ? Optional.of(clock.instant().plus(Duration.ofHours(1 + d.e % 48))) : Optional.empty());
                case 1 -> s.tenant(d.a, d.f).entitlements().setEnabled(s.module(d.b), d.e % 2 == 0);
                default -> s.tenant(d.a, d.f).entitlements().revoke(s.module(d.b));
            };
            case 8 -> s -> switch (d.c % 4) {
                case 0 -> s.tenant(d.a, d.f).memberships().add(s.user(d.b), OrgRole.values()[d.e % 4]);
                case 1 -> s.tenant(d.a, d.f).memberships().invite(s.user(d.b), OrgRole.MEMBER);
                case 2 -> s.tenant(d.a, d.f).memberships().find(s.user(d.b)).map(m -> s.tenant(d.a, d.f).memberships()
                        .update(m.withStatus(MembershipStatus.values()[d.e % 3])));
                default -> {
                    s.tenant(d.a, d.f).memberships().remove(s.user(d.b));
                    yield "removed";
                }
            };
            case 9 -> s -> switch (d.c % 4) {
                case 0 -> s.remember(s.teams, s.tenant(d.a, d.f).teams().create(new NewTeam((d.e % 2 == 0 ? "Team " : "TEAM ") + d.b % 5)).id(), "team");
                case 1, 2 -> s.tenant(d.a, d.f).teams().addMember(s.team(d.b), s.user(d.e));
                default -> s.tenant(d.a, d.f).teams().removeMember(s.team(d.b), s.user(d.e));
            };
            case 10 -> s -> switch (d.c % 4) {
                case 0, 1 -> s.remember(s.roles, s.tenant(d.a, d.f).roles().create(new NewRole("role-" + d.b % 6, "Role")).id(), "role");
                case 2 -> s.tenant(d.a, d.f).roles().find(s.role(d.b)).map(r -> s.tenant(d.a, d.f).roles().update(r.withName("Renamed " + d.e)));
                default -> {
                    s.tenant(d.a, d.f).roles().delete(s.role(d.b));
                    yield "deleted";
                }
            };
            case 11, 12 -> s -> switch (d.c % 3) {
                case 0 -> s.tenant(d.a, d.f).grants().grant(s.role(d.b), new Grant(s.feature(d.e), ACTIONS[d.f % 3], d.e % 4 == 0 ? Effect.DENY : Effect.ALLOW));
                case 1 -> s.tenant(d.a, d.f).grants().revoke(s.role(d.b), s.feature(d.e), ACTIONS[d.f % 3]);
                default -> s.tenant(d.a, d.f).grants().replace(s.role(d.b), List.of(
                        Grant.allow(s.feature(d.e), ACTIONS[d.f % 3]), new Grant(s.feature(d.e + 1), ACTIONS[(d.f + 1) % 3], Effect.values()[d.f % 2])));
            };
            case 13 -> s -> d.c % 2 == 0 ? s.tenant(d.a, d.f).grants().grantView(s.role(d.b), new ViewAccess(s.view(d.e), Effect.values()[d.f % 2]))
                    : s.tenant(d.a, d.f).grants().revokeView(s.role(d.b), s.view(d.e));
            case 14, 15 -> s -> switch (d.c % 3) {
                case 0 -> s.tenant(d.a, d.f).assignments().assign(s.role(d.b), Principal.user(s.user(d.e)),
                        d.f % 3 == 0 ? Optional.of(clock.instant().plus(Duration.ofMinutes(30 + d.f))) : Optional.empty());
                case 1 -> s.tenant(d.a, d.f).assignments().assign(s.role(d.b), Principal.team(s.team(d.e)), Optional.empty());
                default -> s.tenant(d.a, d.f).assignments().unassign(s.role(d.b), d.f % 2 == 0 ? Principal.user(s.user(d.e)) : Principal.team(s.team(d.e)));
            };
            case 16 -> s -> "tick"; // the loop moves the clock once, before either store runs
            case 17, 18 -> s -> List.of(s.tenant(d.a, 0).authz().explain(s.user(d.b), s.feature(d.c), ACTIONS[d.e % 3]),
                    s.tenant(d.a, 0).authz(Consistency.full()).check(s.user(d.b), s.feature(d.c), ACTIONS[d.e % 3]),
                    s.tenant(d.a, 0).authz(Consistency.full()).canAccessView(s.user(d.b), s.view(d.e)));
            case 19 -> s -> List.of(s.tenant(d.a, 0).authz().effectivePermissions(s.user(d.b)), s.tenant(d.a, 0).authz().accessibleViews(s.user(d.b)),
                    s.tenant(d.a, 0).authz().explainView(s.user(d.b), s.view(d.c)),
                    s.tenant(d.a, 0).authz().checkAll(s.user(d.b), List.of(Permission.of(s.feature(d.c), "read"), Permission.of(s.feature(d.e), "write"))),
                    s.tenant(d.a, 0).authz(Consistency.full()).checkAll(s.user(d.b), List.of(Permission.of(s.feature(d.c), "read"),
                            Permission.of(s.feature(d.e), "write"), Permission.of(s.feature(d.f), ACTIONS[d.f % 3]))));
            case 20 -> s -> switch (d.c % 5) {
                case 0 -> s.tenant(d.a, 0).roles().list(PageRequest.first(1 + d.b % 3));
                case 1 -> s.tenant(d.a, 0).memberships().list(PageRequest.first(1 + d.b % 3));
                case 2 -> s.tenant(d.a, 0).audit().list(PageRequest.first(1 + d.b % 5));
                case 3 -> s.db.users().list(PageRequest.first(1 + d.b % 4));
                default -> List.of(s.tenant(d.a, 0).teams().list(PageRequest.first(5)), s.tenant(d.a, 0).assignments().listForRole(s.role(d.b), PageRequest.first(3)),
                        s.tenant(d.a, 0).grants().list(s.role(d.b)), s.tenant(d.a, 0).entitlements().list());
            };
            case 21 -> s -> {
                int before = s.roles.size();
                try {
                    return s.db.inTenant(s.org(d.a), Actor.user(s.user(d.f)), tx -> {
                        RoleId r = s.remember(s.roles, tx.roles().create(new NewRole("tx-role-" + d.b % 4, "In a transaction")).id(), "role");
                        tx.grants().grant(r, Grant.allow(s.feature(d.c), ACTIONS[d.e % 3]));
                        tx.assignments().assign(r, s.user(d.e));
                        if (d.f % 3 == 0) {
                            throw new ValidationException("work", "the host's work failed, so all of it rolls back");
                        }
                        return r;
                    });
                } catch (RuntimeException e) {
                    while (s.roles.size() > before) {
                        s.roles.remove(s.roles.size() - 1);  // rolled back: the role is gone
                    }
                    throw e;
                }
            };
            case 22 -> s -> s.db.catalog().features().find(s.feature(d.a)).map(f -> s.db.catalog().features().update(
                    f.withActions(List.of(ACTIONS).subList(0, 1 + d.b % 3))));
            case 24, 25 -> s -> switch (d.c % 3) {
                case 0 -> s.tenant(d.a, d.f).roles().include(s.role(d.b), s.role(d.e));
                case 1 -> s.tenant(d.a, d.f).roles().exclude(s.role(d.b), s.role(d.e));
                default -> s.tenant(d.a, 0).roles().includes(s.role(d.b));
            };
            default -> s -> List.of(s.db.organizations().list(PageRequest.first(3)), s.db.catalog().modules().list(),
                    s.db.catalog().featuresOf(s.module(d.a)), s.tenant(d.b, 0).teams().teamsOf(s.user(d.c)));
        };
    }
}
