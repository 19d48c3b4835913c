package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.model.Feature;
import dev.iamkit.model.Grant;
import dev.iamkit.model.MembershipStatus;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Principal;
import dev.iamkit.model.Role;
import dev.iamkit.model.Team;
import dev.iamkit.model.User;
import dev.iamkit.model.UserStatus;
import dev.iamkit.model.View;
import dev.iamkit.model.ViewAccess;
import dev.iamkit.testkit.TestData;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The check functions' path on Citus ({@code checks_on_citus}, {@code view_check_on_citus}; V29,
 * V30) answers as V12's {@code can_all} and {@code can_view} on a random organization: roles held
 * directly, through teams and by inclusion, allows and denies, expiries, an entitlement disabled,
 * members suspended or invited, a user suspended, a user of another organization. Run on plain
 * PostgreSQL, where both paths can be called, as the application's login under the tenant set with
 * {@code SET LOCAL}, as a host calls them on Citus.
 */
class CitusCheckFunctionsTest {
    private static final PostgresFixture FIXTURE = new PostgresFixture("citus_checks");
    private static final String[] ACTIONS = {"read", "write", "approve"};
    private PostgresIam db;

    @BeforeEach
    void open() {
        db = (PostgresIam) FIXTURE.open(Clock.systemUTC());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void theCitusPathAnswersAsTheOneStatementPathForEveryUserFeatureActionAndView() throws SQLException {
        Random random = new Random(20_261_206L);
        TestData data = new TestData(db);
        OrgId org = data.org().id();
        OrgId other = data.org().id();
        List<Feature> features = new ArrayList<>();
        List<View> views = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            features.add(data.entitledFeature(org, ACTIONS));
            views.add(data.entitledView(org));
        }
        features.add(data.feature(ACTIONS));   // in no module the organization is entitled to
        List<Role> roles = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            List<Grant> grants = new ArrayList<>();
            for (Feature f : features) {
                for (String a : ACTIONS) {
                    int r = random.nextInt(6);
                    if (r < 2) {
                        grants.add(r == 0 ? Grant.deny(f, a) : Grant.allow(f, a));
                    }
                }
            }
            Role role = data.role(org, grants.toArray(Grant[]::new));
            for (View v : views) {
                if (random.nextInt(3) == 0) {
                    db.tenant(org).grants().grantView(role.id(), random.nextInt(4) == 0 ? ViewAccess.deny(v.id()) : ViewAccess.allow(v.id()));
                }
            }
            roles.add(role);
        }
        db.tenant(org).roles().include(roles.get(0).id(), roles.get(1).id());
        db.tenant(org).roles().include(roles.get(1).id(), roles.get(2).id());
        List<Team> teams = List.of(data.team(org), data.team(org));
        db.tenant(org).assignments().assign(roles.get(3).id(), Principal.team(teams.get(0).id()), Optional.empty());
        db.tenant(org).assignments().assign(roles.get(4).id(), Principal.team(teams.get(1).id()), Optional.of(Instant.now().plus(Duration.ofDays(1))));
        List<User> users = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            User u = data.member(org);
            for (Role r : roles) {
                if (random.nextInt(4) == 0) {
                    db.tenant(org).assignments().assign(r.id(), Principal.user(u.id()),
                            random.nextBoolean() ? Optional.empty() : Optional.of(Instant.now().plus(Duration.ofDays(1))));
                }
            }
            for (Team t : teams) {
                if (random.nextInt(3) == 0) {
                    db.tenant(org).teams().addMember(t.id(), u.id());
                }
            }
            users.add(u);
        }
        db.tenant(org).memberships().update(db.tenant(org).memberships().find(users.get(0).id()).orElseThrow().withStatus(MembershipStatus.SUSPENDED));
        db.users().update(db.users().find(users.get(1).id()).orElseThrow().withStatus(UserStatus.SUSPENDED));
        User invited = data.user();
        db.tenant(org).memberships().invite(invited.id(), dev.iamkit.model.OrgRole.MEMBER);
        db.tenant(org).assignments().assign(roles.get(0).id(), Principal.user(invited.id()), Optional.empty());
        users.add(invited);
        User outsider = data.member(other);
        users.add(outsider);
        db.tenant(org).entitlements().setEnabled(db.tenant(org).entitlements().list().get(0).moduleId(), false);

        List<UUID> featureIds = new ArrayList<>();
        List<String> actions = new ArrayList<>();
        for (Feature f : features) {
            for (String a : ACTIONS) {
                featureIds.add(f.id().value());
                actions.add(a);
            }
        }
        featureIds.add(UUID.randomUUID());   // no such feature
        actions.add("read");
        int allowed = 0;
        int compared = 0;
        try (Connection c = FIXTURE.pool().getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL iamkit.org_id = '" + org.value() + "'");
            }
            String s = "\"" + FIXTURE.schema() + "\".";
            for (Instant at : List.of(Instant.now(), Instant.now().plus(Duration.ofDays(2)))) {
                OffsetDateTime when = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
                for (User u : users) {
                    Boolean[] one = answers(c, "SELECT " + s + "can_all(?, ?, ?, ?, ?)", org, u, featureIds, actions, when);
                    Boolean[] citus = answers(c, "SELECT " + s + "checks_on_citus(?, ?, ?, ?, ?)", org, u, featureIds, actions, when);
                    assertThat(citus).as("user %s at %s", u.id(), at).containsExactly(one);
                    for (Boolean b : one) {
                        allowed += b ? 1 : 0;
                        compared++;
                    }
                    for (View v : views) {
                        boolean viewOne = view(c, "SELECT " + s + "can_view(?, ?, ?, ?)", org, u, v, when);
                        assertThat(view(c, "SELECT " + s + "view_check_on_citus(?, ?, ?, ?)", org, u, v, when))
                                .as("user %s, view %s at %s", u.id(), v.id(), at).isEqualTo(viewOne);
                        allowed += viewOne ? 1 : 0;
                        compared++;
                    }
                }
            }
            c.rollback();
        }
        assertThat(allowed).as("answers that are true, of %d", compared).isBetween(20, compared - 20);
    }

    private static Boolean[] answers(Connection c, String sql, OrgId org, User u, List<UUID> features, List<String> actions, OffsetDateTime at)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, org.value());
            ps.setObject(2, u.id().value());
            ps.setArray(3, c.createArrayOf("uuid", features.toArray()));
            ps.setArray(4, c.createArrayOf("text", actions.toArray()));
            ps.setObject(5, at);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Array a = rs.getArray(1);
                return (Boolean[]) a.getArray();
            }
        }
    }

    private static boolean view(Connection c, String sql, OrgId org, User u, View v, OffsetDateTime at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, org.value());
            ps.setObject(2, u.id().value());
            ps.setObject(3, v.id().value());
            ps.setObject(4, at);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
