package dev.iamkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.IamDatabase;
import dev.iamkit.error.ConfigurationException;
import dev.iamkit.micrometer.IamMetrics;
import dev.iamkit.model.Health;
import dev.iamkit.model.NewOrganization;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.RoleId;
import dev.iamkit.model.UserId;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class IamkitAutoConfigurationTest {
    static final AutoConfigurations IAMKIT = AutoConfigurations.of(IamkitAutoConfiguration.class, IamkitSecurityAutoConfiguration.class,
            IamkitHealthAutoConfiguration.class, IamkitMetricsAutoConfiguration.class);
    private final ApplicationContextRunner memory = new ApplicationContextRunner().withConfiguration(IAMKIT);
    private final ApplicationContextRunner postgres = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class)).withConfiguration(IAMKIT);

    @Test
    void withoutADataSourceTheStoreIsInMemoryWithEveryPartOfTheStarter() {
        memory.run(ctx -> {
            assertThat(ctx).hasNotFailed();
            IamDatabase db = ctx.getBean(IamDatabase.class);
            assertThat(db.kind()).isEqualTo("memory");
            assertThat(ctx).hasSingleBean(IamIdConverter.class).hasSingleBean(IamPermissionEvaluator.class)
                    .hasSingleBean(IamHealthIndicator.class).hasSingleBean(IamMetrics.class).hasSingleBean(IamPrincipalResolver.class);
            assertThat(IamMetrics.of(db)).as("the bean is the measured store").isSameAs(ctx.getBean(IamMetrics.class));
            assertThat(db.health().healthy()).isTrue();
        });
    }

    @Test
    void thePropertiesReachTheStore() {
        memory.withPropertyValues("iamkit.cache-size=0").run(ctx -> assertThat(ctx.getBean(IamDatabase.class).accessCache().metrics().maximumSize()).isZero());
        String schema = TestPostgres.schema("iamkit_sb_props");
        postgres.withPropertyValues(TestPostgres.properties(schema)).withPropertyValues("iamkit.cache-size=123", "iamkit.max-staleness=250ms")
                .run(ctx -> {
                    IamDatabase db = ctx.getBean(IamDatabase.class);
                    assertThat(db.accessCache().metrics().maximumSize()).isEqualTo(123);
                    assertThat(db.accessCache().maxStaleness()).contains(Duration.ofMillis(250));
                });
    }

    @Test
    void withTheApplicationsDataSourceTheStoreIsPostgresqlOnASchemaItsMigrationsMadeAsTheOwner() {
        String schema = TestPostgres.schema("iamkit_sb_pg");
        postgres.withPropertyValues(TestPostgres.properties(schema)).run(ctx -> {
            assertThat(ctx).hasNotFailed();
            IamDatabase db = ctx.getBean(IamDatabase.class);
            assertThat(db.kind()).isEqualTo("postgres");
            Health h = db.health();
            assertThat(h.healthy()).as(h.toString()).isTrue();
            assertThat(h.rowLevelSecurity()).as("the application's login is bound by row level security").contains(true);
            assertThat(db.organizations().create(new NewOrganization("acme", "Acme")).slug()).isEqualTo("acme");
        });
    }

    @Test
    void iamkitsMigrationsRunBeforeTheApplicationsOwnFlyway() {
        String schema = TestPostgres.schema("iamkit_sb_order");
        String app = TestPostgres.schema("iamkit_sb_app");
        var pg = TestPostgres.pg();
        postgres.withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class)).withPropertyValues(TestPostgres.properties(schema))
                .withPropertyValues("spring.flyway.locations=classpath:db/app-migration", "spring.flyway.default-schema=" + app,
                        "spring.flyway.user=" + pg.user(), "spring.flyway.password=" + pg.password(),
                        "spring.flyway.placeholders.iamkitSchema=" + schema)
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    JdbcTemplate owner = new JdbcTemplate(new DriverManagerDataSource(pg.jdbcUrl(), pg.user(), pg.password()));
                    assertThat(owner.queryForObject("SELECT count(*) FROM \"" + app + "\".flyway_schema_history WHERE success", Integer.class))
                            .isEqualTo(1);
                    assertThat(owner.queryForObject("SELECT count(*) FROM \"" + schema + "\".flyway_schema_history WHERE success", Integer.class))
                            .as("iamkit's own history, in its schema").isGreaterThan(10);
                });
    }

    @Test
    void withMigrationsOffTheStoreRefusesAnUnmigratedSchemaNamingTheFix() {
        String schema = "iamkit_sb_missing_" + Long.toString(System.nanoTime(), 36);
        postgres.withPropertyValues(TestPostgres.properties(schema)).withPropertyValues("iamkit.migrations.enabled=false").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(causeOf(ctx.getStartupFailure(), ConfigurationException.class)).get().asString().contains("iam migrate");
        });
    }

    @Test
    void migrationsAsALoginThatIsNotTheOwnerFailAtStartupNamingTheProperties() {
        String schema = TestPostgres.schema("iamkit_sb_notowner");
        postgres.withPropertyValues(TestPostgres.properties(schema))
                .withPropertyValues("iamkit.migrations.username=", "iamkit.migrations.password=").run(ctx -> {
                    assertThat(ctx).hasFailed();
                    assertThat(causeOf(ctx.getStartupFailure(), ConfigurationException.class)).get().asString()
                            .contains("iamkit.migrations.username").contains("iamkit.migrations.enabled=false");
                });
    }

    @Test
    void askingForPostgresqlWithoutADataSourceFailsAtStartupNamingSpringDatasourceUrl() {
        memory.withPropertyValues("iamkit.store=postgres").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).rootCause().isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("spring.datasource.url");
        });
    }

    @Test
    void iamkitStoreMemoryKeepsTheStoreInMemoryBesideADataSource() {
        postgres.withPropertyValues(TestPostgres.properties("unused")).withPropertyValues("iamkit.store=memory")
                .run(ctx -> assertThat(ctx.getBean(IamDatabase.class).kind()).isEqualTo("memory"));
    }

    @Test
    void aJooqOlderThanIamkitsGeneratedClassesIsRefusedNamingTheVersionToSet() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> IamStores.requireJooq("3.19"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("jooq.version").hasMessageContaining("3.19");
        IamStores.requireJooq(org.jooq.Constants.MINOR_VERSION);
        IamStores.requireJooq("4.0");
    }

    @Test
    void anApplicationsOwnStoreIsKept() {
        IamDatabase mine = dev.iamkit.memory.InMemoryIam.create();
        memory.withBean(IamDatabase.class, () -> mine).run(ctx -> assertThat(ctx.getBean(IamDatabase.class)).isSameAs(mine));
    }

    @Test
    void everyTypedIdConvertsFromTextAndMalformedTextIsTheIdsValidationException() {
        memory.run(ctx -> {
            DefaultConversionService conversions = new DefaultConversionService();
            conversions.addConverter(ctx.getBean(IamIdConverter.class));
            UUID u = UUID.randomUUID();
            assertThat(conversions.convert(u.toString(), OrgId.class)).isEqualTo(OrgId.of(u));
            assertThat(conversions.convert(" " + u + " ", UserId.class)).isEqualTo(UserId.of(u));
            assertThat(conversions.convert(u.toString(), RoleId.class)).isEqualTo(RoleId.of(u));
            assertThat(conversions.convert("", OrgId.class)).isNull();
            assertThat(ctx.getBean(IamIdConverter.class).getConvertibleTypes()).hasSize(dev.iamkit.model.Id.class.getPermittedSubclasses().length);
            try {
                conversions.convert("not-an-id", OrgId.class);
            } catch (ConversionFailedException e) {
                assertThat(e.getCause()).isInstanceOf(dev.iamkit.error.ValidationException.class).hasMessageContaining("orgId");
                return;
            }
            throw new AssertionError("converted malformed text");
        });
    }

    private static <T extends Throwable> Optional<T> causeOf(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return Optional.of(type.cast(c));
            }
        }
        return Optional.empty();
    }
}
