package dev.iamkit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.ForwardingIamDatabase;
import dev.iamkit.IamDatabase;
import dev.iamkit.authz.AccessCache;
import dev.iamkit.authz.CacheMetrics;
import dev.iamkit.authz.Consistency;
import dev.iamkit.error.ValidationException;
import dev.iamkit.memory.InMemoryIam;
import dev.iamkit.model.Actor;
import dev.iamkit.model.Feature;
import dev.iamkit.model.Grant;
import dev.iamkit.model.NewRole;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.User;
import dev.iamkit.testkit.MutableClock;
import dev.iamkit.testkit.TestData;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IamMetricsTest {
    private IamMetrics metrics;
    private IamDatabase db;
    private MeterRegistry registry;
    private OrgId org;
    private Feature invoices;
    private User ana;

    @BeforeEach
    void open() {
        metrics = IamMetrics.of(InMemoryIam.create(new MutableClock()));
        registry = new SimpleMeterRegistry();
        metrics.bindTo(registry);
        db = metrics.database();
        TestData data = new TestData(db);
        org = data.org().id();
        invoices = data.entitledFeature(org, "read");
        ana = data.memberWith(org, Grant.allow(invoices, "read"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Timer timer(String name, String key, String value, String outcome) {
        return registry.get(name).tag(key, value).tag("outcome", outcome).tag("store", "memory").timer();
    }

    private double requests(String result) {
        return registry.get("iamkit.cache.requests").tag("result", result).functionCounter().count();
    }

    @Test
    void checksAreTimedByConsistencyAndOutcome() {
        db.tenant(org).authz().check(ana.id(), invoices.id(), "read");
        db.tenant(org).authz().check(ana.id(), invoices.code(), "read");
        db.tenant(org).authz(Consistency.full()).check(ana.id(), invoices.id(), "read");
        assertThatThrownBy(() -> db.tenant(org).authz(Consistency.full()).check(ana.id(), "Not-A-Code", "read"))
                .isInstanceOf(ValidationException.class);

        assertThat(timer("iamkit.check", "consistency", "minimize_latency", "success").count()).isEqualTo(2);
        assertThat(timer("iamkit.check", "consistency", "full", "success").count()).isEqualTo(1);
        assertThat(timer("iamkit.check", "consistency", "full", "error").count()).isEqualTo(1);
        assertThat(timer("iamkit.check", "consistency", "at_least", "success").count()).isZero();
        assertThat(timer("iamkit.check", "consistency", "minimize_latency", "success").totalTime(TimeUnit.NANOSECONDS)).isPositive();
    }

    @Test
    void theCacheCountersAreTheStoresOwn() {
        db.tenant(org).authz().check(ana.id(), invoices.id(), "read");   // a miss: compiles
        db.tenant(org).authz().check(ana.id(), invoices.id(), "read");   // a hit

        CacheMetrics m = db.accessCache().metrics();
        assertThat(requests("hit")).isEqualTo(m.hits()).isPositive();
        assertThat(requests("miss")).isEqualTo(m.misses()).isPositive();
        assertThat(requests("bypassed")).isEqualTo(m.bypassed());
        assertThat(registry.get("iamkit.cache.size").gauge().value()).isEqualTo(m.size());
        assertThat(registry.get("iamkit.cache.max.size").gauge().value()).isEqualTo(m.maximumSize());
        assertThat(registry.get("iamkit.cache.trusted").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("iamkit.cache.evictions").functionCounter().count()).isZero();
        assertThat(registry.get("iamkit.cache.invalidations").functionCounter().count()).isEqualTo(m.invalidations());
        assertThat(registry.find("iamkit.cache.max.staleness").meter()).as("the in-memory store has no bound").isNull();
    }

    @Test
    void inTenantWorkIsTimedAsAWriteWithItsOutcome() {
        db.inTenant(org, Actor.system(), tx -> tx.roles().create(new NewRole("approver", "Approver")));
        assertThatThrownBy(() -> db.inTenant(org, Actor.system(), tx -> {
            throw new IllegalStateException("changed my mind");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(timer("iamkit.write", "kind", "in_tenant", "success").count()).isEqualTo(1);
        assertThat(timer("iamkit.write", "kind", "in_tenant", "error").count()).isEqualTo(1);
        assertThat(timer("iamkit.write", "kind", "keyed", "success").count()).isZero();
    }

    @Test
    void aStoreIsMeasuredOnceHoweverItIsReached() {
        assertThat(IamMetrics.of(db)).isSameAs(metrics);
        assertThat(db.kind()).isEqualTo("memory");
    }

    @Test
    void everyRegistryBoundGetsEveryMeterAndEveryMeasurement() {
        MeterRegistry second = new SimpleMeterRegistry();
        metrics.bindTo(second);

        db.tenant(org).authz().check(ana.id(), invoices.id(), "read");

        assertThat(second.get("iamkit.check").tag("consistency", "minimize_latency").tag("outcome", "success").timer().count()).isEqualTo(1);
        assertThat(second.get("iamkit.cache.trusted").gauge().value()).isEqualTo(1.0);
    }

    @Test
    void noStoreOrRegistryIsAValidationExceptionNamingIt() {
        assertThatThrownBy(() -> IamMetrics.of(null)).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("db"));
        assertThatThrownBy(() -> metrics.bindTo(null)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.field()).isEqualTo("registry"));
    }

    @Test
    void aStalenessBoundIsAGaugeInSeconds() {
        IamDatabase bounded = new ForwardingIamDatabase(InMemoryIam.create(new MutableClock())) {
            @Override
            public AccessCache accessCache() {
                AccessCache cache = delegate().accessCache();
                return new AccessCache() {
                    @Override
                    public CacheMetrics metrics() {
                        return cache.metrics();
                    }

                    @Override
                    public Optional<Duration> maxStaleness() {
                        return Optional.of(Duration.ofMillis(1500));
                    }

                    @Override
                    public void invalidateAll() {
                        cache.invalidateAll();
                    }
                };
            }
        };
        MeterRegistry r = new SimpleMeterRegistry();
        IamMetrics.of(bounded).bindTo(r);

        assertThat(r.get("iamkit.cache.max.staleness").timeGauge().value(TimeUnit.SECONDS)).isEqualTo(1.5);
        bounded.close();
    }
}
