package dev.iamkit.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.iamkit.jooq.PostgresIam;
import dev.iamkit.jooq.PostgresIamConfig;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.RoleId;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Mode;

/**
 * The rows of the {@link TenantsWorld}: the latencies of {@link TenantsBenchmarks} beside the same
 * run's {@code SELECT 1}, and the {@link MixedWorkload} on the same world.
 */
record TenantsRows(BenchSettings settings, BenchDatabase db, Consumer<String> say, BenchRunner.Jmh jmh) {
    static final String SCHEMA = "iamkit_bench_tenants";

    /**
     * The {@link TenantsWorld} (1,000 organizations, or the growth count if smaller): a cache miss's
     * compile and the uncached check, each against the same run's {@code SELECT 1}, and the floors
     * of a one-statement check.
     */
    void addTo(List<BenchRow> rows, boolean latencies, boolean mixed) {
        BenchTarget target = db.freshSchema(SCHEMA);
        try {
            int orgs = Math.min(1000, settings.growthOrgs());
            say.accept("tenants world: " + orgs + " organizations");
            TenantsWorld.build(db, SCHEMA, orgs);
            if (latencies) {
                say.accept("tenants world latencies");
                Map<String, Double> p50 = BenchRunner.p50(jmh.run(TenantsBenchmarks.class, target,
                        "cacheMissCompile|tenantsUncachedCheck|tenantsFullCheck|tenantsUncachedCheckAll|tenantsSelectOne|floorKeyLookupUnderRls|floorKeyLookupWithoutRls|floorCompileTables", Mode.SampleTime, 1));
                double select1 = p50.get("tenantsSelectOne");
                String world = ", " + orgs + " orgs x 20 users";
                rows.add(BenchRow.plain("SELECT 1 through the same pool" + world + ", p50", select1, "µs"));
                rows.add(BenchRow.plain("cache miss: compile one user's access" + world + ", p50", p50.get("cacheMissCompile"), "µs"));
                rows.add(BenchRow.atMost("cache miss / SELECT 1", p50.get("cacheMissCompile") / select1, "x", 3, "≤ 3x"));
                rows.add(BenchRow.plain("floor of a cache miss: a row of each table a compile reads / SELECT 1", p50.get("floorCompileTables") / select1, "x"));
                rows.add(BenchRow.plain("cache miss / its floor", p50.get("cacheMissCompile") / p50.get("floorCompileTables"), "x"));
                rows.add(BenchRow.plain("full() check, the entry current" + world + ", p50", p50.get("tenantsFullCheck"), "µs"));
                rows.add(BenchRow.atMost("full() check / SELECT 1" + world, p50.get("tenantsFullCheck") / select1, "x", 1.3, "≤ 1.3x"));
                rows.add(BenchRow.plain("uncached check" + world + ", p50", p50.get("tenantsUncachedCheck"), "µs"));
                rows.add(BenchRow.atMost("uncached check / SELECT 1" + world, p50.get("tenantsUncachedCheck") / select1, "x", 1.3, "≤ 1.3x"));
                rows.add(BenchRow.plain("uncached checkAll of 4 / SELECT 1" + world, p50.get("tenantsUncachedCheckAll") / select1, "x"));
                rows.add(BenchRow.plain("floor: key lookup under RLS / SELECT 1", p50.get("floorKeyLookupUnderRls") / select1, "x"));
                rows.add(BenchRow.plain("floor: key lookup without RLS / SELECT 1", p50.get("floorKeyLookupWithoutRls") / select1, "x"));
                rows.add(BenchRow.plain("uncached check / floor under RLS", p50.get("tenantsUncachedCheck") / p50.get("floorKeyLookupUnderRls"), "x"));
                rows.add(BenchRow.plain("full() check / floor under RLS", p50.get("tenantsFullCheck") / p50.get("floorKeyLookupUnderRls"), "x"));
            }
            if (mixed) {
                mixedRows(target, orgs, rows);
            }
        } finally {
            db.dropSchema(SCHEMA);
        }
    }

    /**
     * The mixed workload on the tenants world, in this JVM: 4 threads, 98% default checks of 10,000
     * users (the first 500 organizations x 20, or the first half of a smaller world) at random, 2%
     * writes (assign or unassign) spread over them. Then its two floors, the same workload with each
     * write replaced by a floor write ({@link FloorWrites}) through the same pool: the baseline
     * write, and the floor of an audited write (the rows an assign writes, in the organizations the
     * checks do not ask about, so that it drops no cached answer). Neither drops an answer, so each
     * is what the checks and such writes allow on this machine, whatever the library's own work costs.
     */
    private void mixedRows(BenchTarget target, int orgs, List<BenchRow> rows) {
        int asked = Math.min(orgs / 2, 500);
        say.accept("mixed workload: 4 threads, " + asked * TenantsWorld.USERS_PER_ORG + " users, 2% writes; then its floors");
        // by time the workload is mostly writes: they warm up as long as the write rows' forks do (with 2 s, the quick run
        // measured 37,082-41,754 ops/s where the full run's 6 s gave 59,889, same build)
        long warmupMillis = (long) settings.iterationMillis() * Math.max(1, settings.warmupIterations());
        Duration warmup = Duration.ofMillis(settings.forks() == 0 ? warmupMillis : Math.max(warmupMillis, BenchRunner.WRITE_WARMUP_MILLIS));
        Duration measure = Duration.ofMillis((long) settings.iterationMillis() * settings.measurementIterations() * 2);
        try (HikariDataSource pool = target.pool("iamkit-bench-mixed", 8);
             PostgresIam db = PostgresIam.create(pool, PostgresIamConfig.defaults().withSchema(target.schema()), Clock.systemUTC())) {
            MixedWorkload.Population population = TenantsWorld.population(1, asked);
            MixedWorkload.Population elsewhere = TenantsWorld.population(asked + 1, orgs);
            String baseline = FloorWrites.baselineInsert(target.schema());
            String audited = FloorWrites.auditedStatements(target.schema());
            MixedWorkload.Writer baselineWrite = (iam, p, random) -> FloorWrites.baseline(pool, baseline, null);
            MixedWorkload.Writer auditedWrite = (iam, p, random) -> {
                int u = random.nextInt(elsewhere.users().size());
                OrgId org = elsewhere.userOrgs().get(u);
                List<RoleId> roles = elsewhere.roles().get(org);
                FloorWrites.audited(pool, audited, org.value(), roles.get(random.nextInt(roles.size())).value(), elsewhere.users().get(u).value());
            };
            MixedWorkload.Result r = MixedWorkload.run(db, population, MixedWorkload.Writer.ASSIGNMENTS, 4, 0.02, warmup, measure);
            MixedWorkload.Result base = MixedWorkload.run(db, population, baselineWrite, 4, 0.02, warmup, measure);
            MixedWorkload.Result floor = MixedWorkload.run(db, population, auditedWrite, 4, 0.02, warmup, measure);
            String what = "mixed (4 threads, " + asked * TenantsWorld.USERS_PER_ORG + " users, 2% writes)";
            rows.add(BenchRow.atLeast(what + ": operations/s", r.opsPerSecond(), "ops/s", 100_000, "≥ 100000/s"));
            rows.add(BenchRow.plain(what + ": check p50", r.checkP50Micros(), "µs"));
            rows.add(BenchRow.atMost(what + ": check p99", r.checkP99Micros(), "µs", 1_000, "≤ 1 ms"));
            rows.add(BenchRow.plain(what + ": write p50", r.writeP50Micros(), "µs"));
            rows.add(BenchRow.plain(what + ": cache hit rate", r.hitRate() * 100, "%"));
            floorRows(rows, "mixed floor, each write the baseline write", base, r);
            floorRows(rows, "mixed floor, each write the floor of an audited write", floor, r);
        }
    }

    private static void floorRows(List<BenchRow> rows, String what, MixedWorkload.Result floor, MixedWorkload.Result r) {
        rows.add(BenchRow.plain(what + ": operations/s", floor.opsPerSecond(), "ops/s"));
        rows.add(BenchRow.plain(what + ": check p99", floor.checkP99Micros(), "µs"));
        rows.add(BenchRow.plain(what + ": write p50", floor.writeP50Micros(), "µs"));
        rows.add(BenchRow.plain(what + ": cache hit rate", floor.hitRate() * 100, "%"));
        rows.add(BenchRow.plain("mixed: operations/s / those of the " + what.substring("mixed ".length()), r.opsPerSecond() / floor.opsPerSecond(), "x"));
    }
}
