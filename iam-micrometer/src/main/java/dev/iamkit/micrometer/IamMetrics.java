package dev.iamkit.micrometer;

import dev.iamkit.IamDatabase;
import dev.iamkit.authz.AccessCache;
import dev.iamkit.authz.CacheMetrics;
import dev.iamkit.authz.Consistency;
import dev.iamkit.model.Validate;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Micrometer meters of one iamkit store, usable from plain Java:
 *
 * <pre>{@code
 * IamMetrics metrics = IamMetrics.of(PostgresIam.create(dataSource, config));
 * metrics.bindTo(registry);
 * IamDatabase db = metrics.database();        // checks and writes through it are timed
 * }</pre>
 *
 * Meters, each tagged {@code store} ({@code postgres} or {@code memory}):
 * <ul>
 *   <li>{@code iamkit.cache.requests} (function counter, tag {@code result}: {@code hit},
 *       {@code miss}, {@code bypassed}), {@code iamkit.cache.evictions},
 *       {@code iamkit.cache.invalidations}: the permission cache's {@link CacheMetrics};</li>
 *   <li>{@code iamkit.cache.size}, {@code iamkit.cache.max.size} (gauges, entries), and
 *       {@code iamkit.cache.trusted} (1 while the cache may answer: on, its change listener up
 *       and, on PostgreSQL, a heartbeat younger than the staleness bound; else 0);</li>
 *   <li>{@code iamkit.cache.max.staleness} (time gauge): the store's staleness bound, when it has
 *       one ({@link AccessCache#maxStaleness()});</li>
 *   <li>{@code iamkit.check} (timer, tags {@code consistency}: {@code minimize_latency},
 *       {@code at_least}, {@code full}, {@code uncached}; {@code outcome}: {@code success}, {@code error}): checks,
 *       checks by code, {@code checkAll} and view checks asked through {@link #database()} outside
 *       {@code inTenant};</li>
 *   <li>{@code iamkit.write} (timer, tags {@code kind}: {@code in_tenant}, {@code keyed};
 *       {@code outcome}): {@code inTenant} work through {@link #database()}, its commit included
 *       (checks inside it are part of it).</li>
 * </ul>
 * Connection pool figures are not here: HikariCP publishes its own ({@code hikaricp.*}, through
 * Micrometer's or Spring Boot's binder for the pool). Thread-safe; {@link #bindTo} may be called
 * for several registries.
 */
public final class IamMetrics implements MeterBinder {
    private final IamDatabase store;
    /** Held here: gauges hold the object they read only weakly. */
    private final AccessCache cache;
    private final Tags tags;
    /** Meters are made once, here; each registry bound later gets them all. */
    private final CompositeMeterRegistry meters = new CompositeMeterRegistry();
    private final Timer[] checks = new Timer[8];
    private final Timer[] writes = new Timer[4];
    private final MeasuredIamDatabase measured;

    private IamMetrics(IamDatabase store) {
        this.store = Validate.notNull("db", store);
        this.tags = Tags.of("store", store.kind());
        String[] consistencies = {"minimize_latency", "at_least", "full", "uncached"};
        for (int c = 0; c < consistencies.length; c++) {
            checks[2 * c] = timer("iamkit.check", "Permission checks asked outside inTenant", "consistency", consistencies[c], true);
            checks[2 * c + 1] = timer("iamkit.check", "Permission checks asked outside inTenant", "consistency", consistencies[c], false);
        }
        String[] kinds = {"in_tenant", "keyed"};
        for (int k = 0; k < kinds.length; k++) {
            writes[2 * k] = timer("iamkit.write", "inTenant work, commit included", "kind", kinds[k], true);
            writes[2 * k + 1] = timer("iamkit.write", "inTenant work, commit included", "kind", kinds[k], false);
        }
        this.cache = store.accessCache();
        cacheMeters(cache);
        this.measured = new MeasuredIamDatabase(store, this);
    }

    /**
     * The meters of {@code db}. Given a {@link #database()} of an {@code IamMetrics}, the same
     * {@code IamMetrics}: a store is measured once however it is reached.
     */
    public static IamMetrics of(IamDatabase db) {
        if (db instanceof MeasuredIamDatabase m) {
            return m.metrics();
        }
        return new IamMetrics(db);
    }

    /** The store, timed: use it in place of the one given to {@link #of}. Closing it closes that one. */
    public IamDatabase database() {
        return measured;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Validate.notNull("registry", registry);
        meters.add(registry);
    }

    private Timer timer(String name, String description, String key, String value, boolean success) {
        return Timer.builder(name).description(description).tags(tags).tag(key, value).tag("outcome", success ? "success" : "error")
                .register(meters);
    }

    private void cacheMeters(AccessCache cache) {
        requests(cache, "hit", CacheMetrics::hits);
        requests(cache, "miss", CacheMetrics::misses);
        requests(cache, "bypassed", CacheMetrics::bypassed);
        FunctionCounter.builder("iamkit.cache.evictions", cache, of(CacheMetrics::evictions)).tags(tags)
                .description("Entries dropped to keep the permission cache within its size").register(meters);
        FunctionCounter.builder("iamkit.cache.invalidations", cache, of(CacheMetrics::invalidations)).tags(tags)
                .description("Times the whole permission cache was dropped").register(meters);
        Gauge.builder("iamkit.cache.size", cache, of(CacheMetrics::size)).tags(tags).baseUnit("entries")
                .description("Entries in the permission cache").register(meters);
        Gauge.builder("iamkit.cache.max.size", cache, of(CacheMetrics::maximumSize)).tags(tags).baseUnit("entries")
                .description("Bound on the entries of the permission cache; 0 when it is off").register(meters);
        Gauge.builder("iamkit.cache.trusted", cache, c -> c.metrics().trusted() ? 1 : 0).tags(tags)
                .description("1 while the permission cache may answer checks, else 0").register(meters);
        cache.maxStaleness().ifPresent(bound -> TimeGauge.builder("iamkit.cache.max.staleness", cache,
                        TimeUnit.NANOSECONDS, c -> c.maxStaleness().orElse(bound).toNanos()).tags(tags)
                .description("The most a default check answered from the cache may lag behind the database").register(meters));
    }

    private void requests(AccessCache cache, String result, java.util.function.ToLongFunction<CacheMetrics> count) {
        FunctionCounter.builder("iamkit.cache.requests", cache, c -> count.applyAsLong(c.metrics())).tags(tags).tag("result", result)
                .description("Permission questions and how the cache met them").register(meters);
    }

    private static ToDoubleFunction<AccessCache> of(java.util.function.ToLongFunction<CacheMetrics> value) {
        return c -> value.applyAsLong(c.metrics());
    }

    /** The check timer of {@code consistency}: [success, error]. */
    Timer[] checkTimers(Consistency consistency) {
        int c = switch (consistency) {
            case Consistency.MinimizeLatency m -> 0;
            case Consistency.AtLeast a -> 1;
            case Consistency.Full f -> 2;
            case Consistency.Uncached u -> 3;
        };
        return new Timer[] {checks[2 * c], checks[2 * c + 1]};
    }

    /** The write timers of plain ({@code keyed} false) or keyed work: [success, error]. */
    Timer[] writeTimers(boolean keyed) {
        int k = keyed ? 1 : 0;
        return new Timer[] {writes[2 * k], writes[2 * k + 1]};
    }

    @Override
    public String toString() {
        return "IamMetrics[" + store.kind() + "]";
    }
}
