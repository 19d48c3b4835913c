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

    /**
     * A replacement of a role's grants reads the actions of the features it names by their key, and
     * no other action of the catalog, also with the plan the server keeps for its statement (the
     * driver names it from its fifth execution, the server may plan it generically from the sixth
     * execution of that name on).
     * Joined to the features instead, the kept plan hashed the features and read every action of
     * the catalog: a replacement of ten grants cost as much as the catalog was large.
     */
    @Test
    void aReplacementReadsOnlyTheActionsOfTheFeaturesItNames() throws Exception {
        assumeThat(CitusTestMode.on()).as("on Citus the catalog is read on the node holding the reference table's placement").isFalse();
        PostgresIam db = (PostgresIam) FIXTURE.open(Clock.systemUTC());
        // the host's connection from a pool of its own: what its session holds prepared is this test's only
        try (var hostPool = TestDataSources.appPool(PostgresTestDatabase.get(), "iamkit-replace-lock", 1); Connection c = hostPool.getConnection()) {
            TestData data = new TestData(db);
            List<String> actions = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                actions.add("a" + i);
            }
            List<Feature> features = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                features.add(data.feature(actions.toArray(String[]::new)));   // 4,000 actions in the catalog
            }
            // as autovacuum would have, on a catalog of this size: with the table's statistics, the kept plan of the old
            // statement hashed the features and read the whole catalog; without them, the planner guessed otherwise
            PostgresTestDatabase.get().execute("ANALYZE " + FIXTURE.schema() + ".feature, " + FIXTURE.schema() + ".feature_action");
            OrgId org = data.org().id();
            Role role = data.role(org);
            c.setAutoCommit(false);
            for (int i = 0; i < 16; i++) {
                // each replacement names 25 features (one grant of each): 1,000 of their actions, and a new grant of each
                List<Grant> grants = new ArrayList<>();
                for (Feature f : features.subList(25 * (i % 3), 25 * (i % 3) + 25)) {
                    grants.add(Grant.allow(f, "a1"));
                }
                long[] before = featureActionRowsRead(c);
                db.inTenant(c, org, Actor.system(), tx -> tx.grants().replace(role.id(), grants));
                long[] after = featureActionRowsRead(c);
                c.commit();
                assertThat(after[0] - before[0]).as("replacement %d: actions of the catalog read by a sequential scan", i).isZero();
                assertThat(after[1] - before[1]).as("replacement %d: actions read by key (the features' 1,000, the foreign keys' 25 checks)", i)
                        .isLessThanOrEqualTo(1025);
            }
            assertThat(OneConnectionStore.executions(c, "%\"named\"%")).as("the role's lock, held prepared: its executions")
                    .singleElement().satisfies(n -> assertThat(n).isGreaterThanOrEqualTo(12L));
        } finally {
            db.close();
        }
    }

    /**
     * The effective permissions of a user whose role grants one action of each of 25 features read
     * the catalog entries of those features by key, and no other action of the catalog.
     */
    @Test
    void effectivePermissionsReadOnlyTheActionsOfTheFeaturesGranted() throws Exception {
        assumeThat(CitusTestMode.on()).as("on Citus the catalog is read on the node holding the reference table's placement").isFalse();
        PostgresIam db = (PostgresIam) FIXTURE.open(Clock.systemUTC());
        try (var hostPool = TestDataSources.appPool(PostgresTestDatabase.get(), "iamkit-effective", 1); Connection c = hostPool.getConnection()) {
            TestData data = new TestData(db);
            String[] actions = new String[40];
            for (int i = 0; i < actions.length; i++) {
                actions[i] = "a" + i;
            }
            OrgId org = data.org().id();
            List<Grant> grants = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                Feature f = i < 25 ? data.entitledFeature(org, actions) : data.feature(actions);   // 4,000 actions in the catalog
                if (i < 25) {
                    grants.add(Grant.allow(f, "a1"));
                }
            }
            PostgresTestDatabase.get().execute("ANALYZE " + FIXTURE.schema() + ".feature, " + FIXTURE.schema() + ".feature_action");
            User user = data.memberWith(org, grants.toArray(Grant[]::new));
            c.setAutoCommit(false);
            for (int i = 0; i < 16; i++) {
                long[] before = featureActionRowsRead(c);
                int permissions = db.inTenant(c, org, Actor.system(), tx -> tx.authz().effectivePermissions(user.id()).size());
                long[] after = featureActionRowsRead(c);
                c.commit();
                assertThat(permissions).isEqualTo(25);
                assertThat(after[0] - before[0]).as("call %d: actions of the catalog read by a sequential scan", i).isZero();
            }
        } finally {
            db.close();
        }
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
