package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.iamkit.model.Actor;
import dev.iamkit.model.Feature;
import dev.iamkit.model.Grant;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Role;
import dev.iamkit.model.User;
import dev.iamkit.testkit.PostgresTestDatabase;
import dev.iamkit.testkit.TestData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Statements that read the catalog for the features a call names, by an array of their ids, read
 * those features' actions by key, whatever plan the server keeps: with the actions joined to the
 * features and only the features said of the array, a plan could hash the features and read every
 * action of the catalog, so the call cost as much as the catalog was large. Each test runs its
 * calls in transactions of a host connection of its own, whose session counts the rows its
 * statements read ({@code pg_stat_xact_user_tables}), on a catalog of 4,000 actions with its
 * statistics taken.
 */
class CatalogByKeyTest {
    private static final PostgresFixture FIXTURE = new PostgresFixture("catalogbykey");
    private static final String ON_CITUS = "on Citus the catalog is read on the node holding the reference table's placement";

    /**
     * A replacement of a role's grants reads the actions of the features it names by their key, and
     * no other action of the catalog, also with the plan the server keeps for its statement (the
     * driver names it from its fifth execution, the server may plan it generically from the sixth
     * execution of that name on).
     */
    @Test
    void aReplacementReadsOnlyTheActionsOfTheFeaturesItNames() throws Exception {
        onHostConnection("iamkit-replace-lock", (db, c, data) -> {
            OrgId org = data.org().id();
            List<Feature> features = catalog(data, org, 0);
            Role role = data.role(org);
            for (int i = 0; i < 16; i++) {
                // each replacement names 25 features (one grant of each): 1,000 of their actions, and a new grant of each
                List<Grant> grants = features.subList(25 * (i % 3), 25 * (i % 3) + 25).stream().map(f -> Grant.allow(f, "a1")).toList();
                long[] read = readBy(c, () -> db.inTenant(c, org, Actor.system(), tx -> tx.grants().replace(role.id(), grants)));
                assertThat(read[0]).as("replacement %d: actions of the catalog read by a sequential scan", i).isZero();
                assertThat(read[1]).as("replacement %d: actions read by key (the features' 1,000, the foreign keys' 25 checks)", i)
                        .isLessThanOrEqualTo(1025);
            }
            assertThat(OneConnectionStore.executions(c, "%\"named\"%")).as("the role's lock, held prepared: its executions")
                    .singleElement().satisfies(n -> assertThat(n).isGreaterThanOrEqualTo(12L));
        });
    }

    /**
     * The effective permissions of a user whose role grants one action of each of 25 features read
     * the catalog entries of those features by key, and no other action of the catalog.
     */
    @Test
    void effectivePermissionsReadOnlyTheActionsOfTheFeaturesGranted() throws Exception {
        onHostConnection("iamkit-effective", (db, c, data) -> {
            OrgId org = data.org().id();
            List<Grant> grants = catalog(data, org, 25).subList(0, 25).stream().map(f -> Grant.allow(f, "a1")).toList();
            User user = data.memberWith(org, grants.toArray(Grant[]::new));
            for (int i = 0; i < 16; i++) {
                int[] permissions = new int[1];
                long[] read = readBy(c, () -> permissions[0] = db.inTenant(c, org, Actor.system(),
                        tx -> tx.authz().effectivePermissions(user.id()).size()));
                assertThat(permissions[0]).isEqualTo(25);
                assertThat(read[0]).as("call %d: actions of the catalog read by a sequential scan", i).isZero();
            }
        });
    }

    /**
     * {@code explain} of a user's permission reads the catalog entry of the feature asked by key,
     * and no other action of the catalog, also with the plan the server keeps for its statement.
     */
    @Test
    void explainReadsOnlyTheActionsOfTheFeatureAsked() throws Exception {
        onHostConnection("iamkit-explain", (db, c, data) -> {
            OrgId org = data.org().id();
            List<Feature> features = catalog(data, org, 25);
            User user = data.memberWith(org, features.subList(0, 25).stream().map(f -> Grant.allow(f, "a1")).toArray(Grant[]::new));
            for (int i = 0; i < 16; i++) {
                Feature asked = features.get(i % 25);
                boolean[] allowed = new boolean[1];
                long[] read = readBy(c, () -> allowed[0] = db.inTenant(c, org, Actor.system(),
                        tx -> tx.authz().explain(user.id(), asked.id(), "a1").allowed()));
                assertThat(allowed[0]).isTrue();
                assertThat(read[0]).as("call %d: actions of the catalog read by a sequential scan", i).isZero();
            }
        });
    }

    /** What a test does with the store, a host connection of its own and test data. */
    private interface OnHost {
        void run(PostgresIam db, Connection c, TestData data) throws Exception;
    }

    /**
     * Runs {@code body} on plain PostgreSQL with the store and a connection from a pool of its own
     * ({@code poolName}), so what the session holds prepared and the rows it counts are the test's only.
     */
    private static void onHostConnection(String poolName, OnHost body) throws Exception {
        assumeThat(CitusTestMode.on()).as(ON_CITUS).isFalse();
        PostgresIam db = (PostgresIam) FIXTURE.open(Clock.systemUTC());
        try (var hostPool = TestDataSources.appPool(PostgresTestDatabase.get(), poolName, 1); Connection c = hostPool.getConnection()) {
            body.run(db, c, new TestData(db));
        } finally {
            db.close();
        }
    }

    /**
     * A catalog of 100 features of 40 actions each, the first {@code entitled} of them entitled in
     * {@code org}, with its statistics taken as autovacuum would have: with them, the plans of the
     * earlier statements hashed the features and read every action; without, the planner guessed
     * otherwise.
     */
    private static List<Feature> catalog(TestData data, OrgId org, int entitled) {
        String[] actions = new String[40];
        for (int i = 0; i < actions.length; i++) {
            actions[i] = "a" + i;
        }
        List<Feature> features = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            features.add(i < entitled ? data.entitledFeature(org, actions) : data.feature(actions));
        }
        PostgresTestDatabase.get().execute("ANALYZE " + FIXTURE.schema() + ".feature, " + FIXTURE.schema() + ".feature_action");
        return features;
    }

    /** Runs {@code call} in a transaction of {@code c} and commits it: the rows of {@code feature_action} it read by sequential scans and by index. */
    private static long[] readBy(Connection c, Runnable call) throws SQLException {
        c.setAutoCommit(false);
        long[] before = featureActionRowsRead(c);
        call.run();
        long[] after = featureActionRowsRead(c);
        c.commit();
        return new long[] {after[0] - before[0], after[1] - before[1]};
    }

    /**
     * The rows of {@code feature_action} {@code c}'s session has read by sequential scans and by
     * index, as far as it has not yet reported them; it reports only between transactions, so two
     * readings in one transaction differ by what the transaction read between them.
     */
    private static long[] featureActionRowsRead(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(seq_tup_read, 0), coalesce(idx_tup_fetch, 0) FROM pg_stat_xact_user_tables"
                + " WHERE relid = ?::regclass")) {
            ps.setString(1, FIXTURE.schema() + ".feature_action");
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }
}
