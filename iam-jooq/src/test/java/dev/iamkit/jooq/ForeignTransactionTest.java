package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.iamkit.error.ConfigurationException;
import dev.iamkit.model.Actor;
import dev.iamkit.model.NewRole;
import dev.iamkit.model.NewUser;
import dev.iamkit.model.PageRequest;
import dev.iamkit.testkit.PostgresTestDatabase;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A store whose data source hands it a connection inside a transaction it did not begin, as
 * Spring's {@code TransactionAwareDataSourceProxy} does inside a {@code @Transactional} method:
 * every call is refused with a {@link ConfigurationException} that names the fix, and the host's
 * transaction is left as it was: not committed, not rolled back, still in a transaction.
 */
class ForeignTransactionTest {
    private static final PostgresFixture FIXTURE = new PostgresFixture("foreigntx");
    private static final HostTables host = hostTables();
    private final ThreadLocal<Connection> bound = new ThreadLocal<>();
    private PostgresIam db;
    private HostTables.World w;
    private Connection hostConnection;

    private static HostTables hostTables() {
        HostTables tables = new HostTables(PostgresTestDatabase.get());
        SchemaJanitor.dropLater(tables.schema);
        return tables;
    }

    @BeforeEach
    void open() throws SQLException {
        PostgresIam plain = (PostgresIam) FIXTURE.open(Clock.systemUTC());
        w = HostTables.World.create(plain, "foreign");
        plain.close();
        PostgresTestDatabase.get().execute("TRUNCATE " + host.invoices);
        db = PostgresIam.create(transactionAware(FIXTURE.pool()), PostgresIamConfig.defaults().withSchema(FIXTURE.schema()));
        hostConnection = FIXTURE.pool().getConnection();
        hostConnection.setAutoCommit(false);
    }

    @AfterEach
    void close() throws SQLException {
        bound.remove();
        hostConnection.rollback();
        hostConnection.setAutoCommit(true);
        hostConnection.close();
        db.close();
    }

    /** Like Spring's proxy: the thread's transaction connection when one is bound (its close a no-op), else one of the pool. */
    private DataSource transactionAware(DataSource pool) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("getConnection") && bound.get() != null) {
                Connection c = bound.get();
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                        (p, m, a) -> m.getName().equals("close") ? null : invoke(c, m, a));
            }
            return invoke(pool, method, args);
        };
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class}, handler);
    }

    private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private void insertInvoice(int id) throws SQLException {
        try (PreparedStatement ps = hostConnection.prepareStatement("INSERT INTO " + host.invoices + " (org_id, id) VALUES (?, ?)")) {
            ps.setObject(1, w.acme().value());
            ps.setInt(2, id);
            ps.executeUpdate();
        }
    }

    private static int count(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + table); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Every kind of call the store makes: tenant and global reads and writes, single ones and inTenant. */
    private List<Consumer<PostgresIam>> calls() {
        return List.of(
                s -> s.tenant(w.acme()).roles().create(new NewRole("approver", "Approver")),
                s -> s.tenant(w.acme()).roles().list(PageRequest.first()),
                s -> s.inTenant(w.acme(), Actor.system(), tx -> tx.roles().create(new NewRole("auditor", "Auditor"))),
                s -> s.users().create(new NewUser("bob-foreign@example.com", "Bob")),
                s -> s.users().find(w.ana().id()),
                s -> s.tenant(w.acme()).authz().check(w.ana().id(), "invoices-foreign", "read"));
    }

    @Test
    void everyCallOnAConnectionInsideTheHostsTransactionIsRefusedAndTheHostsRowStaysUncommitted() throws SQLException {
        insertInvoice(1);
        bound.set(hostConnection);

        for (Consumer<PostgresIam> call : calls()) {
            assertThatThrownBy(() -> call.accept(db)).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("autocommit off").hasMessageContaining("TransactionAwareDataSourceProxy")
                    .hasMessageContaining("iam-spring-boot-starter");
        }

        assertThat(hostConnection.getAutoCommit()).as("still in the host's transaction").isFalse();
        assertThat(count(hostConnection, host.invoices)).as("the host's own row, seen in its transaction").isEqualTo(1);
        try (Connection other = FIXTURE.pool().getConnection()) {
            assertThat(count(other, host.invoices)).as("not committed").isZero();
        }
        hostConnection.rollback();
        assertThat(count(hostConnection, host.invoices)).as("the host's rollback undoes it").isZero();
        bound.remove();
        assertThat(db.tenant(w.acme()).roles().list(PageRequest.first()).items()).extracting(r -> r.code()).containsExactly("clerk");
    }

    @Test
    void aTransactionThatHasRunNoStatementYetIsRefusedTooAndSeesNoCommitOfTheStore() throws SQLException {
        bound.set(hostConnection);

        assertThatThrownBy(() -> db.inTenant(w.acme(), Actor.system(), tx -> tx.roles().create(new NewRole("auditor", "Auditor"))))
                .isInstanceOf(ConfigurationException.class);

        assertThat(hostConnection.getAutoCommit()).isFalse();
        insertInvoice(2);
        hostConnection.rollback();
        try (Connection other = FIXTURE.pool().getConnection()) {
            assertThat(count(other, host.invoices)).isZero();
        }
    }

    @Test
    void outsideTheHostsTransactionTheSameDataSourceServesTheStore() {
        db.tenant(w.acme()).roles().create(new NewRole("approver", "Approver"));

        assertThat(db.tenant(w.acme()).authz().check(w.ana().id(), "invoices-foreign", "read")).isTrue();
    }

    @Test
    void aPoolThatHandsOutConnectionsWithAutocommitOffIsRefusedWhenTheStoreIsCreated() {
        HikariConfig hc = TestDataSources.appConfig(PostgresTestDatabase.get());
        hc.setMaximumPoolSize(1);
        hc.setAutoCommit(false);
        try (HikariDataSource pool = new HikariDataSource(hc)) {
            assertThatThrownBy(() -> PostgresIam.create(pool, PostgresIamConfig.defaults().withSchema(FIXTURE.schema())))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("autoCommit=true");
        }
    }
}
