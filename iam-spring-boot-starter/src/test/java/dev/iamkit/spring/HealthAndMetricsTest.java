package dev.iamkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.IamDatabase;
import dev.iamkit.micrometer.IamMetrics;
import dev.iamkit.model.Grant;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.User;
import dev.iamkit.testkit.TestData;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class HealthAndMetricsTest {
    private final ApplicationContextRunner postgres = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class)).withConfiguration(IamkitAutoConfigurationTest.IAMKIT);

    @Test
    void theHealthComponentIsUpWithTheStoresFiguresOnPostgresql() {
        postgres.withPropertyValues(TestPostgres.properties(TestPostgres.schema("iamkit_sb_health"))).run(ctx -> {
            Health h = ctx.getBean("iamkitHealthIndicator", IamHealthIndicator.class).health();

            assertThat(h.getStatus()).isEqualTo(Status.UP);
            assertThat(h.getDetails()).containsEntry("store", "postgres").containsEntry("rowLevelSecurity", true)
                    .containsEntry("cacheTrusted", true).containsKeys("schemaVersion", "expectedVersion", "roundTripMillis", "pool");
            assertThat(ctx).doesNotHaveBean(Boot3HealthIndicator.class);
        });
    }

    @Test
    void aLoginRowLevelSecurityDoesNotBindIsDownEvenWhenAllowedToRun() {
        var pg = TestPostgres.pg();
        String schema = TestPostgres.schema("iamkit_sb_privileged");
        postgres.withPropertyValues(TestPostgres.properties(schema))
                .withPropertyValues("spring.datasource.username=" + pg.user(), "spring.datasource.password=" + pg.password(),
                        "iamkit.allow-privileged-login=true")
                .run(ctx -> {
                    Health h = ctx.getBean(IamHealthIndicator.class).health();

                    assertThat(h.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(h.getDetails()).containsEntry("rowLevelSecurity", false).containsKey("problem");
                });
    }

    @Test
    void theHealthComponentCanBeSwitchedOff() {
        new ApplicationContextRunner().withConfiguration(IamkitAutoConfigurationTest.IAMKIT).withPropertyValues("management.health.iamkit.enabled=false")
                .run(ctx -> assertThat(ctx).doesNotHaveBean(IamHealthIndicator.class));
    }

    @Test
    void onSpringBoot35TheSameReportHasItsActuatorsTypes() {
        IamDatabase db = dev.iamkit.memory.InMemoryIam.create();
        org.springframework.boot.actuate.health.Health h = new Boot3HealthIndicator(db).health();

        assertThat(h.getStatus()).isEqualTo(org.springframework.boot.actuate.health.Status.UP);
        assertThat(h.getDetails()).containsEntry("store", "memory").doesNotContainKey("schemaVersion");
        db.close();
    }

    @Test
    void checksAndWritesThroughTheBeanAreMeasuredAndTheStalenessBoundIsPublished() {
        postgres.withPropertyValues(TestPostgres.properties(TestPostgres.schema("iamkit_sb_metrics"))).run(ctx -> {
            MeterRegistry registry = new SimpleMeterRegistry();
            ctx.getBean(IamMetrics.class).bindTo(registry);
            IamDatabase db = ctx.getBean(IamDatabase.class);
            TestData data = new TestData(db);
            OrgId org = data.org().id();
            var invoices = data.entitledFeature(org, "read");
            User ana = data.memberWith(org, Grant.allow(invoices, "read"));

            assertThat(db.tenant(org).authz().check(ana.id(), invoices.code(), "read")).isTrue();

            assertThat(registry.get("iamkit.check").tags("consistency", "minimize_latency", "outcome", "success", "store", "postgres").timer().count())
                    .isEqualTo(1);
            assertThat(registry.get("iamkit.write").tags("kind", "in_tenant").timer().count()).as("TestData writes single calls only").isZero();
            assertThat(registry.get("iamkit.cache.max.staleness").timeGauge().value(TimeUnit.SECONDS)).isEqualTo(1.0);
            assertThat(registry.get("iamkit.cache.requests").tag("result", "miss").functionCounter().count()).isPositive();
        });
    }
}
