package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.TenantScope;
import dev.iamkit.authz.Consistency;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.Actor;
import dev.iamkit.model.AuditVerification;
import dev.iamkit.model.Grant;
import dev.iamkit.model.NewRole;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Revision;
import dev.iamkit.model.Role;
import dev.iamkit.testkit.PostgresTestDatabase;
import dev.iamkit.testkit.TestAuditKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tenant work joining a transaction of the host app: it commits and rolls back with the host's rows. */
class HostTransactionTest {
    private static final PostgresFixture FIXTURE = new PostgresFixture("hosttx");
    private static HostTables host;
    private PostgresIam db;
    private HostTables.World w;
    private Connection conn;

    @BeforeAll
    static void hostSchema() {
        host = new HostTables(PostgresTestDatabase.get());
    }

    @AfterAll
    static void dropHostSchema() {
        PostgresTestDatabase.get().dropSchema(host.schema);
    }

    @BeforeEach
    void open() throws SQLException {
        db = (PostgresIam) FIXTURE.open(Clock.systemUTC());
        PostgresTestDatabase.get().execute("TRUNCATE " + host.invoices);
        w = HostTables.World.create(db, "tx");
        conn = FIXTURE.pool().getConnection();
        conn.setAutoCommit(false);
    }

    @AfterEach
    void close() throws SQLException {
        conn.rollback();
        conn.close();
        db.close();
    }

    private void insertInvoice(Connection c, int id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + host.invoices + " (org_id, id) VALUES (?, ?)")) {
            ps.setObject(1, w.acme().value());
            ps.setInt(2, id);
            ps.executeUpdate();
        }
    }

    private int invoices() {
        return DSL.using(FIXTURE.pool(), SQLDialect.POSTGRES).fetchCount(DSL.table(host.invoices));
    }

    private String tenantSetting(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT current_setting('iamkit.org_id', true)"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    private Optional<Role> approver() {
        return db.tenant(w.acme()).roles().list(PageRequest.first(50)).items().stream().filter(r -> r.code().equals("approver")).findFirst();
    }

    /** In the host's transaction: an approver role granting invoices:create, assigned to Ana. */
    private Revision grantCreate(TenantScope tx) {
        Role r = tx.roles().create(new NewRole("approver", "Approver"));
        tx.grants().replace(r.id(), List.of(Grant.allow(w.invoices(), "create")));
        tx.assignments().assign(r.id(), w.ana().id());
        assertThat(tx.authz().check(w.ana().id(), w.invoices().id(), "create")).as("the work reads its own changes").isTrue();
        return tx.lastWriteRevision().orElseThrow();
    }

    @Test
    void theHostsCommitKeepsItsRowsTheAccessChangesAndTheirAuditEvents() throws SQLException {
        Revision before = db.tenant(w.acme()).revision();
        long events = db.tenant(w.acme()).audit().list(PageRequest.first(100)).items().size();
        insertInvoice(conn, 1);
        Revision made = db.inTenant(conn, w.acme(), Actor.system(), this::grantCreate);

        assertThat(made.value()).isGreaterThan(before.value());
        assertThat(db.tenant(w.acme()).revision()).as("nothing is committed before the host commits").isEqualTo(before);
        assertThat(db.tenant(w.acme()).authz(Consistency.full()).check(w.ana().id(), w.invoices().id(), "create")).isFalse();
        assertThat(invoices()).isZero();

        conn.commit();
        assertThat(invoices()).isEqualTo(1);
        assertThat(approver()).isPresent();
        assertThat(db.tenant(w.acme()).revision()).isEqualTo(made);
        assertThat(db.tenant(w.acme()).authz(Consistency.atLeast(made)).check(w.ana().id(), w.invoices().id(), "create")).isTrue();
        assertThat(db.tenant(w.acme()).audit().list(PageRequest.first(100)).items()).hasSize((int) events + 3);
    }

    @Test
    void theHostsRollbackUndoesItsRowsAndTheAccessChanges() throws SQLException {
        Revision before = db.tenant(w.acme()).revision();
        long events = db.tenant(w.acme()).audit().list(PageRequest.first(100)).items().size();
        insertInvoice(conn, 1);
        db.inTenant(conn, w.acme(), Actor.system(), this::grantCreate);
        conn.rollback();

        assertThat(invoices()).isZero();
        assertThat(approver()).isEmpty();
        assertThat(db.tenant(w.acme()).revision()).isEqualTo(before);
        assertThat(db.tenant(w.acme()).audit().list(PageRequest.first(100)).items()).hasSize((int) events);
        assertThat(db.tenant(w.acme()).authz(Consistency.full()).check(w.ana().id(), w.invoices().id(), "create")).isFalse();
    }

    @Test
    void workThatThrowsUndoesOnlyItsOwnChangesAndTheHostGoesOn() throws SQLException {
        insertInvoice(conn, 1);
        IllegalArgumentException boom = new IllegalArgumentException("host says no");
        assertThatThrownBy(() -> db.inTenant(conn, w.acme(), Actor.system(), tx -> {
            tx.roles().create(new NewRole("approver", "Approver"));
            throw boom;
        })).isSameAs(boom);
        insertInvoice(conn, 2);
        conn.commit();

        assertThat(invoices()).isEqualTo(2);
        assertThat(approver()).isEmpty();
    }

    @Test
    void aConnectionInAutocommitIsRefusedAndNothingRuns() throws SQLException {
        AtomicBoolean ran = new AtomicBoolean();
        try (Connection auto = FIXTURE.pool().getConnection()) {
            auto.setAutoCommit(true);
            assertThatThrownBy(() -> db.inTenant(auto, w.acme(), Actor.system(), tx -> {
                ran.set(true);
                return tx.roles().create(new NewRole("approver", "Approver"));
            })).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("connection"));
        }
        assertThat(ran).isFalse();
        assertThat(approver()).isEmpty();
    }

    @Test
    void theHostsOwnTenantSettingIsPutBackAfterTheWorkAndAfterAFailure() throws SQLException {
        assertThat(tenantSetting(conn)).isNullOrEmpty();
        db.inTenant(conn, w.acme(), Actor.system(), tx -> tx.roles().find(w.clerk().id()));
        assertThat(tenantSetting(conn)).as("no tenant lingers in the host's transaction").isNullOrEmpty();

        String other = w.globex().value().toString();
        try (PreparedStatement ps = conn.prepareStatement("SELECT set_config('iamkit.org_id', ?, true)")) {
            ps.setString(1, other);
            ps.execute();
        }
        db.inTenant(conn, w.acme(), Actor.system(), tx -> tx.roles().create(new NewRole("approver", "Approver")));
        assertThat(tenantSetting(conn)).isEqualTo(other);
        assertThatThrownBy(() -> db.inTenant(conn, w.acme(), Actor.system(), tx -> {
            throw new IllegalStateException("no");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(tenantSetting(conn)).isEqualTo(other);
    }

    @Test
    void aJooqTransactionOfTheHostCommitsOrRollsBackTheWork() {
        var ctx = DSL.using(FIXTURE.pool(), SQLDialect.POSTGRES);
        ctx.transaction(cfg -> {
            DSL.using(cfg).execute("INSERT INTO " + host.invoices + " (org_id, id) VALUES (?, 1)", w.acme().value());
            db.inTenant(cfg, w.acme(), Actor.system(), tx -> tx.roles().create(new NewRole("approver", "Approver")));
        });
        assertThat(invoices()).isEqualTo(1);
        assertThat(approver()).isPresent();

        assertThatThrownBy(() -> ctx.transaction(cfg -> {
            DSL.using(cfg).execute("INSERT INTO " + host.invoices + " (org_id, id) VALUES (?, 2)", w.acme().value());
            db.inTenant(cfg, w.acme(), Actor.system(), tx -> {
                tx.roles().delete(approver().orElseThrow().id());
                return null;
            });
            throw new IllegalStateException("the host changes its mind");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(invoices()).isEqualTo(1);
        assertThat(approver()).as("the deletion was rolled back with the host's transaction").isPresent();
    }

    @Test
    void theScopeOfTheWorkCannotBeUsedAfterIt() {
        AtomicReference<TenantScope> kept = new AtomicReference<>();
        db.inTenant(conn, w.acme(), Actor.system(), tx -> {
            kept.set(tx);
            return null;
        });
        assertThatThrownBy(() -> kept.get().roles().find(w.clerk().id())).isInstanceOf(dev.iamkit.error.ScopeEndedException.class);
    }

    @Test
    void theWorkSeesOnlyItsOrganizationThroughRowLevelSecurity() {
        UUID globexRole = db.tenant(w.globex()).roles().create(new NewRole("auditor", "Auditor")).id().value();
        long seen = db.inTenant(conn, w.acme(), Actor.system(), tx -> tx.roles().list(PageRequest.first(50)).items().stream()
                .filter(r -> r.id().value().equals(globexRole)).count());
        assertThat(seen).isZero();
    }

    @Test
    void auditEventsWrittenInTheHostsTransactionAreSignedWithTheStoresKey() throws SQLException {
        db = (PostgresIam) FIXTURE.reopen(db, Clock.systemUTC(), TestAuditKeys.K1);
        long before = db.tenant(w.acme()).audit().verify().events();
        db.inTenant(conn, w.acme(), Actor.system(), this::grantCreate);
        conn.commit();

        AuditVerification v = db.tenant(w.acme()).audit().verify();
        assertThat(v.verified()).as(v.toString()).isEqualTo(3);
        assertThat(v.unkeyed()).isEqualTo(before);
        assertThat(v.broken()).isZero();
    }
}
