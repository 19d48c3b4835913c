package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.migrations.IamMigrations;
import dev.iamkit.migrations.IamSchema;
import dev.iamkit.testkit.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A host with a Flyway of its own, whose first version is V1 as the library's is: the library's
 * migrations run through {@link IamMigrations#configure} with their own schema and history table,
 * and the two histories never meet.
 */
class HostFlywayTest {
    private final PostgresTestDatabase pg = PostgresTestDatabase.get();
    private final List<String> schemas = new ArrayList<>();
    private DataSource owner;
    private String host;
    private String iam;

    @BeforeEach
    void schemas() {
        owner = TestDataSources.admin(pg);
        host = schema("host_app");
        iam = schema("iamkit_hosted");
    }

    private String schema(String prefix) {
        String s = pg.createSchema(prefix);
        schemas.add(s);
        return s;
    }

    @AfterEach
    void drop() {
        schemas.forEach(pg::dropSchema);
    }

    private FluentConfiguration hostFlyway() {
        return Flyway.configure().dataSource(owner).schemas(host).locations("classpath:db/hostapp");
    }

    private List<String> history(String schema) throws SQLException {
        List<String> versions = new ArrayList<>();
        try (Connection c = owner.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version FROM " + schema + ".flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank")) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
        }
        return versions;
    }

    @Test
    void theLibrarysMigrationsRunBesideTheHostsWithTheirOwnSchemaAndHistory() throws SQLException {
        AtomicInteger hostCallbacks = new AtomicInteger();
        FluentConfiguration hostConfig = hostFlyway().callbacks(new Callback() {
            @Override
            public boolean supports(Event event, Context context) {
                return event == Event.BEFORE_MIGRATE || event == Event.AFTER_MIGRATE;
            }

            @Override
            public boolean canHandleInTransaction(Event event, Context context) {
                return true;
            }

            @Override
            public void handle(Event event, Context context) {
                hostCallbacks.incrementAndGet();
            }

            @Override
            public String getCallbackName() {
                return "host";
            }
        });
        assertThat(hostConfig.load().migrate().migrationsExecuted).isEqualTo(1);
        int hostEvents = hostCallbacks.get();

        FluentConfiguration ours = IamMigrations.configure(hostConfig, iam, TestDataSources.APP_ROLE);
        assertThat(ours.load().migrate().migrationsExecuted).isEqualTo(IamSchema.versions().size());

        assertThat(history(host)).containsExactly("1");
        assertThat(history(iam)).isEqualTo(IamSchema.versions());
        assertThat(hostCallbacks.get()).as("the host's callbacks are not carried over").isEqualTo(hostEvents);
        assertThat(hostConfig.getLocations()).extracting(Object::toString).containsExactly("classpath:db/hostapp");
        IamMigrations.of(owner, iam, TestDataSources.APP_ROLE).validate();
        assertThat(hostConfig.load().migrate().migrationsExecuted).isZero();
        assertThat(ours.load().migrate().migrationsExecuted).isZero();
        try (PostgresIam store = PostgresIam.create(TestDataSources.app(pg), PostgresIamConfig.defaults().withSchema(iam).withCacheSize(0))) {
            assertThat(store.health().schemaVersion()).contains(IamSchema.latestVersion());
        }
    }

    @Test
    void addingTheLibrarysLocationToTheHostsMixesTwoVersionOnesAndIsRefused() {
        FluentConfiguration mixed = hostFlyway().locations("classpath:db/hostapp", IamMigrations.MIGRATIONS)
                .placeholders(IamMigrations.placeholders(TestDataSources.APP_ROLE));
        assertThatThrownBy(() -> mixed.load().migrate()).isInstanceOf(FlywayException.class)
                .hasMessageContaining("more than one migration with version 1");
    }

    @Test
    void aHostConfigurationWithoutADataSourceIsRefused() {
        assertThatThrownBy(() -> IamMigrations.configure(Flyway.configure()))
                .isInstanceOf(dev.iamkit.error.ValidationException.class).hasMessageContaining("data source");
    }
}
