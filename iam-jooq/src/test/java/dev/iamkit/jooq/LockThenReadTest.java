package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.iamkit.model.Assignment;
import dev.iamkit.model.Feature;
import dev.iamkit.model.FeatureGrant;
import dev.iamkit.model.Grant;
import dev.iamkit.model.NewFeature;
import dev.iamkit.model.MenuItem;
import dev.iamkit.model.NewMenuItem;
import dev.iamkit.model.NewOrganization;
import dev.iamkit.model.NewRole;
import dev.iamkit.model.NewUser;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Principal;
import dev.iamkit.model.Role;
import dev.iamkit.model.User;
import dev.iamkit.support.PersonalDataCipher;
import dev.iamkit.testkit.PostgresTestDatabase;
import dev.iamkit.testkit.TestMasterKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A write that waits for a row lock reads what it decides on after it holds the lock. Under READ
 * COMMITTED a statement reads in the snapshot taken when it starts: a statement that locks one row
 * and reads others in the same breath returns, after a wait, the others as they were before the
 * wait. Here the schema's owner plays the concurrent writer: it locks the row, changes what the
 * store's write will read, and commits only once the store's statement waits for the lock.
 */
class LockThenReadTest {
    private static final String APP = "iamkit-lockthenread";
    private static final PostgresFixture FIXTURE = new PostgresFixture("lockthenread");
    private static HikariDataSource pool;
    private String schema;

    @BeforeAll
    static void pool() {
        HikariConfig hc = TestDataSources.appConfig(PostgresTestDatabase.get());
        hc.addDataSourceProperty("ApplicationName", APP);
        hc.setMaximumPoolSize(2);
        hc.setPoolName(APP);
        pool = new HikariDataSource(hc);
    }

    @AfterAll
    static void close() {
        pool.close();
    }

    @BeforeEach
    void plainPostgreSql() {
        Assumptions.assumeFalse(CitusTestMode.on(), "the owner's statements here name the tables of one schema");
        FIXTURE.open(Clock.systemUTC()).close();   // empties the schema's tables
        schema = FIXTURE.schema();
    }

    private PostgresIam store(PersonalDataCipher cipher) {
        return PostgresIam.create(pool, PostgresIamConfig.defaults().withSchema(schema).withCacheSize(0).withPersonalData(cipher), Clock.systemUTC());
    }

    /**
     * Runs {@code write} while {@code owner} holds its lock, and commits {@code owner} once the
     * write's statement waits for that lock; returns what the write returned.
     */
    private static <T> T whileTheOwnerHoldsTheLock(Connection owner, Supplier<T> write) throws Exception {
        CompletableFuture<T> done = CompletableFuture.supplyAsync(write, r -> new Thread(r, "lock-then-read").start());
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(() -> waiting() == 1);
        } finally {
            owner.commit();
        }
        return done.get(30, TimeUnit.SECONDS);
    }

    private static long waiting() throws SQLException {
        try (Connection c = TestDataSources.admin(PostgresTestDatabase.get()).getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + APP + "' AND wait_event_type = 'Lock'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The owner locks {@code role}'s row, as the store's writers of the role do, and keeps it until it commits. */
    private void holdRole(Statement st, OrgId org, Role role) throws SQLException {
        st.execute("SELECT 1 FROM " + schema + ".role WHERE org_id = '" + org + "' AND id = '" + role.id() + "' FOR UPDATE");
    }

    /** The owner gives {@code role} a grant by SQL (the store's writer is waiting for the role meanwhile). */
    private void insertGrant(Statement st, OrgId org, Role role, Feature f, String action, String effect) throws SQLException {
        st.execute("INSERT INTO " + schema + ".feature_grant (org_id, role_id, feature_id, action, effect, granted_by, granted_at)"
                + " VALUES ('" + org + "', '" + role.id() + "', '" + f.id() + "', '" + action + "', '" + effect + "', 'owner', now())");
    }

    private static Connection owner() throws SQLException {
        Connection c = TestDataSources.admin(PostgresTestDatabase.get()).getConnection();
        c.setAutoCommit(false);
        return c;
    }

    /**
     * The concurrent writer replaces the feature's action {@code write} by {@code share}; the
     * store's update, asked for {@code read} and {@code write}, must store those: it read the
     * actions before the other writer's commit and took them for unchanged.
     */
    @Test
    void aFeatureUpdateThatWaitedForAnotherStoresItsOwnActions() throws Exception {
        try (PostgresIam db = store(PersonalDataCipher.off())) {
            Feature f = db.catalog().features().create(new NewFeature("locked-feature", "Locked", List.of("read", "write")));
            Feature updated;
            try (Connection owner = owner(); Statement st = owner.createStatement()) {
                st.execute("SELECT 1 FROM " + schema + ".feature WHERE id = '" + f.id() + "' FOR UPDATE");
                st.execute("DELETE FROM " + schema + ".feature_action WHERE feature_id = '" + f.id() + "' AND action = 'write'");
                st.execute("INSERT INTO " + schema + ".feature_action (feature_id, action) VALUES ('" + f.id() + "', 'share')");
                updated = whileTheOwnerHoldsTheLock(owner, () -> db.catalog().features().update(f.withName("Renamed")));
            }

            assertThat(updated.actions()).containsExactly("read", "write");
            assertThat(db.catalog().features().find(f.id()).orElseThrow().actions()).as("stored").containsExactly("read", "write");
        }
    }

    /**
     * The user joins the organization while the store's assign waits for the role: the assign
     * finds the membership (read again once the role is held) instead of calling it missing.
     */
    @Test
    void anAssignThatWaitedForTheRoleWhileTheUserJoinedAssigns() throws Exception {
        try (PostgresIam db = store(PersonalDataCipher.off())) {
            OrgId org = db.organizations().create(new NewOrganization("locked-org", "Locked")).id();
            User u = db.users().create(new NewUser("joins@example.com", "Joins"));
            Role role = db.tenant(org).roles().create(new NewRole("locked-role", "Locked"));
            Assignment assigned;
            try (Connection owner = owner(); Statement st = owner.createStatement()) {
                holdRole(st, org, role);
                st.execute("INSERT INTO " + schema + ".membership (org_id, user_id, org_role, status, joined_at, created_at, updated_at)"
                        + " VALUES ('" + org + "', '" + u.id() + "', 'MEMBER', 'ACTIVE', now(), now(), now())");
                assigned = whileTheOwnerHoldsTheLock(owner, () -> db.tenant(org).assignments().assign(role.id(), u.id()));
            }

            assertThat(assigned.principal()).isEqualTo(Principal.user(u.id()));
            assertThat(db.tenant(org).assignments().listFor(Principal.user(u.id()))).as("stored").hasSize(1);
        }
    }

    /**
     * The assignment is given another expiry while the store's assign waits for the role: the
     * assign's audit event records that assignment as the one it replaced (read once the role is
     * held), not the one before the wait.
     */
    @Test
    void anAssignThatWaitedForTheRoleRecordsTheAssignmentItReplaced() throws Exception {
        try (PostgresIam db = store(PersonalDataCipher.off())) {
            OrgId org = db.organizations().create(new NewOrganization("locked-again", "Locked")).id();
            User u = db.users().create(new NewUser("replaced@example.com", "Replaced"));
            db.tenant(org).memberships().add(u.id(), dev.iamkit.model.OrgRole.MEMBER);
            Role role = db.tenant(org).roles().create(new NewRole("locked-role", "Locked"));
            java.time.Instant first = java.time.Instant.parse("2031-01-01T00:00:00Z");
            java.time.Instant during = java.time.Instant.parse("2032-02-02T00:00:00Z");
            db.tenant(org).assignments().assign(role.id(), Principal.user(u.id()), java.util.Optional.of(first));
            try (Connection owner = owner(); Statement st = owner.createStatement()) {
                holdRole(st, org, role);
                st.execute("UPDATE " + schema + ".user_assignment SET expires_at = '" + during + "' WHERE org_id = '" + org
                        + "' AND role_id = '" + role.id() + "' AND user_id = '" + u.id() + "'");
                whileTheOwnerHoldsTheLock(owner, () -> db.tenant(org).assignments().assign(role.id(), u.id()));
            }

            List<String> replaced = db.tenant(org).audit().list(dev.iamkit.model.PageRequest.first(100)).items().stream()
                    .filter(e -> e.action().equals("assignment.set")).flatMap(e -> e.before().stream()).toList();
            assertThat(replaced).as("the before of the second assign").singleElement()
                    .satisfies(json -> assertThat(json).contains("2032-02-02").doesNotContain("2031-01-01"));
        }
    }

    /**
     * The assignment is made while the store's unassign waits for the role: the unassign, ordered
     * after that write by the lock, removes it (looked for once the role is held) instead of
     * reporting that there was none and leaving it.
     */
    @Test
    void anUnassignThatWaitedForTheRoleWhileTheAssignmentWasMadeRemovesIt() throws Exception {
        try (PostgresIam db = store(PersonalDataCipher.off())) {
            OrgId org = db.organizations().create(new NewOrganization("locked-removal", "Locked")).id();
            User u = db.users().create(new NewUser("removed@example.com", "Removed"));
            db.tenant(org).memberships().add(u.id(), dev.iamkit.model.OrgRole.MEMBER);
            Role role = db.tenant(org).roles().create(new NewRole("locked-role", "Locked"));
            boolean removed;
            try (Connection owner = owner(); Statement st = owner.createStatement()) {
                holdRole(st, org, role);
                st.execute("INSERT INTO " + schema + ".user_assignment (org_id, role_id, user_id, granted_by, granted_at)"
                        + " VALUES ('" + org + "', '" + role.id() + "', '" + u.id() + "', 'system', now())");
                removed = whileTheOwnerHoldsTheLock(owner, () -> db.tenant(org).assignments().unassign(role.id(), Principal.user(u.id())));
            }

            assertThat(removed).as("the assignment made during the wait was there to remove").isTrue();
            assertThat(db.tenant(org).assignments().listFor(Principal.user(u.id()))).as("stored").isEmpty();
        }
    }

    /**
     * While the store's grant of one action waits for the role, the action is added to the catalog
     * and the role is given that grant with the other effect: the grant finds the action and
     * records the grant it replaced, both read once the role is held.
     */
    @Test
    void aGrantThatWaitedForTheRoleReadsTheCatalogAndTheGrantOnceItHoldsIt() throws Exception {
        try (PostgresIam db = store(PersonalDataCipher.off())) {
            OrgId org = db.organizations().create(new NewOrganization("locked-grant", "Locked")).id();
            Role role = db.tenant(org).roles().create(new NewRole("locked-role", "Locked"));
            Feature f = db.catalog().features().create(new NewFeature("locked-grant-feature", "Locked", List.of("read")));
            FeatureGrant stored;
            try (Connection owner = owner(); Statement st = owner.createStatement()) {
                holdRole(st, org, role);
                st.execute("INSERT INTO " + schema + ".feature_action (feature_id, action) VALUES ('" + f.id() + "', 'share')");
                insertGrant(st, org, role, f, "share", "DENY");
                stored = whileTheOwnerHoldsTheLock(owner, () -> db.tenant(org).grants().grant(role.id(), Grant.allow(f, "share")));
            }

            assertThat(stored.effect()).isEqualTo(dev.iamkit.model.Effect.ALLOW);
            List<String> replaced = db.tenant(org).audit().list(dev.iamkit.model.PageRequest.first(100)).items().stream()
                    .filter(e -> e.action().equals("grant.set")).flatMap(e -> e.before().stream()).toList();
            assertThat(replaced).as("the before of the grant").singleElement().satisfies(json -> assertThat(json).contains("DENY"));
        }
    }

    /**
     * The role is given a grant while the store's revocation of it waits for the role: the
     * revocation, ordered after that write by the lock, removes it.
     */
    @Test
    void aRevocationThatWaitedForTheRoleWhileTheGrantWasMadeRemovesIt() throws Exception {
        try (PostgresIam db = store(PersonalDataCipher.off())) {
            OrgId org = db.organizations().create(new NewOrganization("locked-revoke", "Locked")).id();
            Role role = db.tenant(org).roles().create(new NewRole("locked-role", "Locked"));
            Feature f = db.catalog().features().create(new NewFeature("locked-revoke-feature", "Locked", List.of("read")));
            boolean removed;
            try (Connection owner = owner(); Statement st = owner.createStatement()) {
                holdRole(st, org, role);
                insertGrant(st, org, role, f, "read", "ALLOW");
                removed = whileTheOwnerHoldsTheLock(owner, () -> db.tenant(org).grants().revoke(role.id(), f.id(), "read"));
            }

            assertThat(removed).as("the grant made during the wait was there to remove").isTrue();
            assertThat(db.tenant(org).grants().list(role.id())).as("stored").isEmpty();
        }
    }

    /**
     * An action is added to the catalog while the store's replacement of the role's grants waits
     * for the role: it finds the action (the catalog read again once the role is held) instead of
     * refusing it as unknown.
     */
    @Test
    void aReplacementThatWaitedForTheRoleWhileItsActionWasAddedStoresIt() throws Exception {
        try (PostgresIam db = store(PersonalDataCipher.off())) {
            OrgId org = db.organizations().create(new NewOrganization("locked-grants", "Locked")).id();
            Feature f = db.catalog().features().create(new NewFeature("locked-grant-feature", "Locked", List.of("read")));
            Role role = db.tenant(org).roles().create(new NewRole("locked-grantee", "Locked"));
            try (Connection owner = owner(); Statement st = owner.createStatement()) {
                holdRole(st, org, role);
                st.execute("INSERT INTO " + schema + ".feature_action (feature_id, action) VALUES ('" + f.id() + "', 'share')");
                whileTheOwnerHoldsTheLock(owner, () -> db.tenant(org).grants().replace(role.id(), List.of(Grant.allow(f.id(), "share"))));
            }

            assertThat(db.tenant(org).grants().list(role.id())).extracting(FeatureGrant::action).containsExactly("share");
        }
    }

    /**
     * A menu move takes the menu's table lock, then the item's row. An update that took the row
     * first and then waited for the table deadlocked with it (PostgreSQL aborted one of them with
     * 40P01). Here the owner plays the move: it holds the table lock while the store's update waits,
     * then locks the item's row; both must go through.
     */
    @Test
    void aMenuUpdateWaitingForAMoveDoesNotDeadlockWithIt() throws Exception {
        try (PostgresIam db = store(PersonalDataCipher.off())) {
            MenuItem item = db.navigation().create(NewMenuItem.group("Locked menu", 0));
            MenuItem updated;
            try (Connection owner = owner(); Statement st = owner.createStatement()) {
                st.execute("SET LOCAL deadlock_timeout = '100ms'");
                st.execute("LOCK TABLE " + schema + ".menu_item IN SHARE ROW EXCLUSIVE MODE");
                CompletableFuture<MenuItem> done = CompletableFuture.supplyAsync(() -> db.navigation().update(
                        new MenuItem(item.id(), item.parentId(), item.viewId(), "Renamed", 1, item.version())), r -> new Thread(r, "menu-update").start());
                try {
                    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(() -> waiting() == 1);
                    st.execute("SELECT 1 FROM " + schema + ".menu_item WHERE id = '" + item.id() + "' FOR UPDATE");
                } finally {
                    owner.commit();
                }
                updated = done.get(30, TimeUnit.SECONDS);
            }
            assertThat(updated.label()).isEqualTo("Renamed");
        }
    }

    /**
     * A sealed user whose data key row comes back (as when a plain row is sealed: its row and its
     * key are written in one transaction) while the store's update waits for the user's row: the
     * update opens the row with that key instead of calling it shredded.
     */
    @Test
    void aUserUpdateThatWaitedWhileTheUsersKeyWasWrittenOpensTheRow() throws Exception {
        try (PostgresIam db = store(TestMasterKeys.M1)) {
            User u = db.users().create(new NewUser("locked@example.com", "Locked"));
            String master;
            byte[] wrapped;
            try (Connection c = TestDataSources.admin(PostgresTestDatabase.get()).getConnection();
                    PreparedStatement ps = c.prepareStatement("DELETE FROM " + schema + ".user_data_key WHERE user_id = ? RETURNING master_key_id, wrapped_key")) {
                ps.setObject(1, u.id().value());
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).as("the user's data key").isTrue();
                    master = rs.getString(1);
                    wrapped = rs.getBytes(2);
                }
            }
            User updated;
            try (Connection owner = owner(); PreparedStatement lock = owner.prepareStatement("SELECT 1 FROM " + schema + ".app_user WHERE id = ? FOR UPDATE");
                    PreparedStatement key = owner.prepareStatement("INSERT INTO " + schema + ".user_data_key (user_id, master_key_id, wrapped_key) VALUES (?, ?, ?)")) {
                lock.setObject(1, u.id().value());
                lock.executeQuery().close();
                key.setObject(1, u.id().value());
                key.setString(2, master);
                key.setBytes(3, wrapped);
                key.executeUpdate();
                updated = whileTheOwnerHoldsTheLock(owner, () -> db.users().update(u.withDisplayName("Renamed")));
            }

            assertThat(updated.displayName()).isEqualTo("Renamed");
            assertThat(db.users().find(u.id()).orElseThrow().displayName()).isEqualTo("Renamed");
        }
    }
}
