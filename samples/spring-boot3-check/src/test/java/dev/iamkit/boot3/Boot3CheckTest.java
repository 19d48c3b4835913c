package dev.iamkit.boot3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.iamkit.IamDatabase;
import dev.iamkit.authz.Consistency;
import dev.iamkit.model.Feature;
import dev.iamkit.model.Grant;
import dev.iamkit.model.NewFeature;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.OrgRole;
import dev.iamkit.model.Role;
import dev.iamkit.model.User;
import dev.iamkit.testkit.PostgresTestDatabase;
import dev.iamkit.testkit.TestData;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The starter on Spring Boot 3.5 against the test server: the store, migrations before the
 * application's Flyway, hasPermission by code, converters, the health component (3.5's actuator
 * types), the meters, and a @Transactional rollback that undoes a row and a grant.
 */
@SpringBootTest(classes = Boot3App.class, properties = "management.endpoint.health.show-details=always")
@AutoConfigureMockMvc
class Boot3CheckTest {
    private static final PostgresTestDatabase PG = PostgresTestDatabase.get();
    /** The application's schema and iamkit's, both new. */
    private static final String APP_SCHEMA = PG.createSchema("iamkit_boot3"), IAMKIT_SCHEMA = PG.createSchema("iamkit_boot3_iam");

    private final MockMvc mvc;
    private final IamDatabase iam;
    private final JdbcTemplate jdbc;
    private final HealthEndpoint health;
    private final MeterRegistry registry;
    private final Boot3App.Publishing publishing;

    @Autowired
    Boot3CheckTest(MockMvc mvc, IamDatabase iam, JdbcTemplate jdbc, HealthEndpoint health, MeterRegistry registry, Boot3App.Publishing publishing) {
        this.mvc = mvc;
        this.iam = iam;
        this.jdbc = jdbc;
        this.health = health;
        this.registry = registry;
        this.publishing = publishing;
    }

    /** One for the class: the context, and so the store and its rows, outlive each test. */
    private static TestData data;
    private OrgId org;
    private Feature reports;
    private Role reader;
    private User ana;
    private User bob;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry r) {
        PG.springBootProperties("iamkit_boot3_test", "boot3-secret", IAMKIT_SCHEMA).forEach((k, v) -> r.add(k, () -> v));
        r.add("spring.datasource.hikari.schema", () -> APP_SCHEMA);
        r.add("spring.flyway.default-schema", () -> APP_SCHEMA);
    }

    @AfterAll
    static void dropSchemas() {
        PG.dropSchema(APP_SCHEMA);
        PG.dropSchema(IAMKIT_SCHEMA);
    }

    @BeforeEach
    void world() {
        if (data == null) {
            data = new TestData(iam);
        }
        org = data.org().id();
        reports = iam.catalog().features().findByCode("reports").orElseGet(() -> iam.catalog().features()
                .create(new NewFeature("reports", "Reports", List.of("read", "publish"))));
        var module = data.module();
        iam.catalog().linkFeature(module.id(), reports.id());
        iam.tenant(org).entitlements().entitle(module.id());
        reader = data.role(org, Grant.allow(reports, "read"));
        ana = data.user();
        bob = data.user();
        for (User u : List.of(ana, bob)) {
            iam.tenant(org).memberships().add(u.id(), OrgRole.MEMBER);
        }
        iam.tenant(org).assignments().assign(reader.id(), ana.id());
    }

    @Test
    void itIsSpringBoot35() {
        assertThat(SpringBootVersion.getVersion()).startsWith("3.5.");
        assertThat(iam.kind()).isEqualTo("postgres");
    }

    @Test
    void preAuthorizeWithAFeatureCodeAndATypedIdFromThePath() throws Exception {
        mvc.perform(get("/orgs/{org}/reports", org).with(user(ana.id().toString()))).andExpect(status().isOk());
        mvc.perform(get("/orgs/{org}/reports", org).with(user(bob.id().toString()))).andExpect(status().isForbidden());
        mvc.perform(get("/orgs/not-an-id/reports").with(user(ana.id().toString()))).andExpect(status().isBadRequest());
    }

    @Test
    void theHealthComponentIsThereWithSpringBoot35sTypes() {
        var component = (org.springframework.boot.actuate.health.Health) health.healthForPath("iamkit");
        assertThat(component.getStatus()).isEqualTo(Status.UP);
        assertThat(component.getDetails()).containsEntry("store", "postgres").containsEntry("rowLevelSecurity", true);
    }

    @Test
    void theMetersAreBoundToSpringBootsRegistry() {
        iam.tenant(org).authz().check(ana.id(), "reports", "read");

        assertThat(registry.get("iamkit.check").tag("consistency", "minimize_latency").tag("outcome", "success").timer().count()).isPositive();
        assertThat(registry.get("iamkit.cache.trusted").gauge().value()).isEqualTo(1.0);
        assertThat(registry.find("iamkit.cache.requests").tag("store", "postgres").functionCounters()).hasSize(3);
    }

    @Test
    void aRollbackOfATransactionalMethodUndoesTheRowAndTheGrant() {
        assertThatThrownBy(() -> publishing.publishThenFail(org, reader.id(), reports.id(), 1)).isInstanceOf(IllegalStateException.class);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM report WHERE org_id = ?", Integer.class, org.value())).isZero();
        assertThat(iam.tenant(org).authz(Consistency.full()).check(ana.id(), "reports", "publish")).isFalse();
        assertThat(iam.tenant(org).grants().list(reader.id())).hasSize(1);
    }

    @Test
    void iamkitsMigrationsRanBeforeTheApplicationsFlyway() {
        JdbcTemplate owner = new JdbcTemplate(new DriverManagerDataSource(PG.jdbcUrl(), PG.user(), PG.password()));
        assertThat(owner.queryForObject("SELECT (SELECT max(installed_on) FROM \"" + IAMKIT_SCHEMA + "\".flyway_schema_history)"
                + " <= (SELECT min(installed_on) FROM \"" + APP_SCHEMA + "\".flyway_schema_history)", Boolean.class)).isTrue();
    }
}
