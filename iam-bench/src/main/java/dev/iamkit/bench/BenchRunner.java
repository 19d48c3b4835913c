package dev.iamkit.bench;

import dev.iamkit.error.ConfigurationException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.annotations.Mode;

/**
 * Runs the JMH benchmarks of {@link AccessBenchmarks} and turns their results into the rows of
 * the benchmark table, each beside its target: latencies are p50 of sampled single operations,
 * throughput is checks per second summed over threads. The {@code SELECT 1} baseline runs in the
 * same run, over the same pool, so the uncached check is judged by the ratio, not by a figure
 * from another day.
 */
public final class BenchRunner {
    private static final String MAIN_SCHEMA = "iamkit_bench";
    private static final String GROWTH_SCHEMA = "iamkit_bench_growth";
    private static final String PASSWORDS_SCHEMA = "iamkit_bench_passwords";
    private static final String PERSONAL_SCHEMA = "iamkit_bench_personal";
    private static final List<String> LATENCIES = List.of("cachedCheck", "uncachedCheck", "fullCheck", "selectOne", "findRoleById", "findUserById", "createRole",
            "replace10Grants", "replace1000Grants", "replace1000GrantsByOthers");

    /** The sections {@link #only} may name, in the order they run. */
    public static final List<String> SECTIONS = List.of("checks", "growth", "tenants", "mixed", "writes", "users", "passwords", "personal");

    private final BenchSettings settings;
    private final PrintWriter progress;
    private final java.util.Set<String> only;

    public BenchRunner(BenchSettings settings, PrintWriter progress) {
        this(settings, progress, java.util.Set.of());
    }

    private BenchRunner(BenchSettings settings, PrintWriter progress, java.util.Set<String> only) {
        this.settings = settings;
        this.progress = progress;
        this.only = only;
    }

    /**
     * A runner of only the named sections of {@link #SECTIONS} (all when none is named): checks
     * (in-memory and PostgreSQL latencies, uncached checks per second, finds and the first writes),
     * growth, tenants (cache miss, uncached check and floors on the tenants world), mixed, writes,
     * users (cached checks of many users), passwords (one verify at the default parameters, in
     * memory and through PostgreSQL), personal (user create and find by e-mail, encryption off and on).
     */
    public BenchRunner only(java.util.Collection<String> sections) {
        for (String s : sections) {
            if (!SECTIONS.contains(s)) {
                throw new dev.iamkit.error.ValidationException("only", "is not one of " + SECTIONS + ": '" + s + "'");
            }
        }
        return new BenchRunner(settings, progress, java.util.Set.copyOf(sections));
    }

    private boolean wants(String section) {
        return only.isEmpty() || only.contains(section);
    }

    public BenchReport run() {
        List<BenchRow> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (wants("checks")) {
            say("in-memory check");
            double memory = p50(run(options(null, "inMemoryCheck", Mode.SampleTime, 1))).get("inMemoryCheck");
            rows.add(BenchRow.atMost("in-memory check, p50", memory, "µs", 0.2, "≤ 0.2 µs"));
        }
        String database = "none";
        if (settings.ownerUrl().isEmpty()) {
            notes.add("PostgreSQL rows skipped: set DATABASE_URL to a role that may create schemas and roles (e.g. postgres)");
        } else {
            BenchDatabase db = new BenchDatabase(settings.ownerUrl().get());
            vacuumNote(db).ifPresent(notes::add);
            database = postgresRows(db, rows, notes);
            if (wants("users")) {
                manyUsersRows(db, rows);
            }
        }
        if (wants("users")) {
            memoryManyUsersRows(rows);
        }
        if (wants("passwords") && settings.ownerUrl().isEmpty()) {
            say("password verify in memory");
            double memory = p50(run(options(null, PasswordBenchmarks.class, "inMemoryPasswordVerify", Mode.SampleTime, 1))).get("inMemoryPasswordVerify");
            rows.add(memoryVerifyRow(memory));
        }
        notes.add("latencies are p50 of single operations sampled by JMH (" + settings.measurementIterations() + " x "
                + settings.iterationMillis() + " ms after " + settings.warmupIterations() + " warm-up iterations, " + settings.forks() + " fork(s)"
                + (settings.forks() > 0 ? "; the write benchmarks, the tenants world and the mixed workload warm up for " + WRITE_WARMUP_MILLIS / 1000 + " s at least" : "") + ")");
        return new BenchReport(Instant.now(), settings.mode(), machine(), database, rows, notes);
    }

    private String postgresRows(BenchDatabase db, List<BenchRow> rows, List<String> notes) {
        if (wants("checks")) {
            checkRows(db, rows);
        }
        if (wants("growth")) {
            growthRows(db, rows);
        }
        if (wants("tenants") || wants("mixed")) {
            // a compile does a hundred times a check's work: a fresh fork runs its first seconds of them mostly before the JIT has
            // compiled the reading of its rows (measured: 415 µs a miss in the first 2 s, 223 in the next 2, 160 after), so the
            // tenants world's forks warm up as long as the writes'
            new TenantsRows(settings, db, this::say, (benchmarks, target, methods, mode, threads) -> run(options(target, benchmarks, methods, mode, threads)
                    .warmupIterations(longWarmup())))
                    .addTo(rows, wants("tenants"), wants("mixed"));
        }
        if (wants("writes")) {
            writeRows(db, rows, notes);
        }
        if (wants("passwords")) {
            passwordRows(db, rows);
        }
        if (wants("personal")) {
            personalDataRows(db, rows);
        }
        return "PostgreSQL " + serverVersion(db);
    }

    private void checkRows(BenchDatabase db, List<BenchRow> rows) {
        BenchTarget main = db.freshSchema(MAIN_SCHEMA);
        try {
            say("PostgreSQL latencies");
            Map<String, Double> p50 = p50(run(options(main, String.join("|", LATENCIES), Mode.SampleTime, 1)));
            double select1 = p50.get("selectOne");
            rows.add(BenchRow.atMost("cached check, p50", p50.get("cachedCheck"), "µs", 0.2, "≤ 0.2 µs"));
            rows.add(BenchRow.plain("SELECT 1 through the same pool, p50", select1, "µs"));
            rows.add(BenchRow.plain("full() check, the entry current, p50", p50.get("fullCheck"), "µs"));
            rows.add(BenchRow.atMost("full() check / SELECT 1", p50.get("fullCheck") / select1, "x", 1.3, "≤ 1.3x"));
            rows.add(BenchRow.plain("uncached check, p50", p50.get("uncachedCheck"), "µs"));
            double ratio = p50.get("uncachedCheck") / select1;
            rows.add(BenchRow.atMost("uncached check / SELECT 1", ratio, "x", 1.3, "≤ 1.3x"));
            Map<String, Double> best = new LinkedHashMap<>();
            for (int n : settings.threads()) {
                say("full() and uncached checks per second, " + n + " thread(s)");
                for (RunResult r : run(options(main, "fullCheck|uncachedCheck", Mode.Throughput, n))) {
                    String kind = r.getParams().getBenchmark().endsWith(".fullCheck") ? "full() checks/s" : "uncached checks/s";
                    double perSecond = r.getPrimaryResult().getScore();
                    rows.add(BenchRow.plain(kind + ", " + n + " thread(s)", perSecond, "ops/s"));
                    best.merge(kind, perSecond, Math::max);
                }
            }
            best.forEach((kind, perSecond) -> rows.add(BenchRow.atLeast(kind + ", best", perSecond, "ops/s", 15_000, "≥ 15000/s")));
            rows.add(BenchRow.plain("find role by id, p50", p50.get("findRoleById"), "µs"));
            rows.add(BenchRow.plain("find user by id, p50", p50.get("findUserById"), "µs"));
            rows.add(BenchRow.plain("create role, p50", p50.get("createRole"), "µs"));
            rows.add(BenchRow.plain("replace 10 grants by 10 others, p50", p50.get("replace10Grants"), "µs"));
            rows.add(BenchRow.atMost("replace 1000 grants by the same 1000 (nothing changes), p50", p50.get("replace1000Grants"), "µs", 10_000, "≤ 10 ms"));
            rows.add(BenchRow.atMost("replace 1000 grants by 1000 others, p50", p50.get("replace1000GrantsByOthers"), "µs", 10_000, "≤ 10 ms"));
        } finally {
            db.dropSchema(MAIN_SCHEMA);
        }
    }

    private void growthRows(BenchDatabase db, List<BenchRow> rows) {
        BenchTarget growth = db.freshSchema(GROWTH_SCHEMA);
        try {
            GrowthData data = new GrowthData(db, GROWTH_SCHEMA, settings.growthOrgs());
            say("growth data: " + settings.growthOrgs() + " organizations");
            data.base();
            Double first = null;
            for (long total : settings.growthGrants()) {
                say("growth data: " + total + " grants");
                data.growTo(total);
                double p50 = p50(run(options(growth, "uncachedCheck", Mode.SampleTime, 1))).get("uncachedCheck");
                rows.add(BenchRow.plain("uncached check, " + total + " grants, " + settings.growthOrgs() + " orgs, p50", p50, "µs"));
                if (first == null) {
                    first = p50;
                } else if (total == settings.growthGrants().get(settings.growthGrants().size() - 1)) {
                    rows.add(BenchRow.atMost("uncached check, " + total + " / " + settings.growthGrants().get(0) + " grants", p50 / first, "x", 1.2, "≤ 1.2x"));
                }
            }
        } finally {
            db.dropSchema(GROWTH_SCHEMA);
        }
    }

    /** One password verify at the default parameters in memory and through PostgreSQL, in one run with its SELECT 1. */
    private void passwordRows(BenchDatabase db, List<BenchRow> rows) {
        BenchTarget target = db.freshSchema(PASSWORDS_SCHEMA);
        try {
            say("password verify, in memory and through PostgreSQL");
            Map<String, Double> p50 = p50(run(options(target, PasswordBenchmarks.class,
                    "inMemoryPasswordVerify|postgresPasswordVerify|postgresPasswordLookup|passwordsSelectOne", Mode.SampleTime, 1)));
            double select1 = p50.get("passwordsSelectOne");
            rows.add(memoryVerifyRow(p50.get("inMemoryPasswordVerify")));
            rows.add(BenchRow.plain("password verify through PostgreSQL, p50", p50.get("postgresPasswordVerify") / 1000, "ms"));
            rows.add(BenchRow.plain("SELECT 1 through the same pool (passwords), p50", select1, "µs"));
            rows.add(BenchRow.plain("password lookup (the row verify reads), p50", p50.get("postgresPasswordLookup"), "µs"));
            rows.add(BenchRow.plain("password lookup / SELECT 1", p50.get("postgresPasswordLookup") / select1, "x"));
        } finally {
            db.dropSchema(PASSWORDS_SCHEMA);
        }
    }

    /** A user create and a find by e-mail with personal data encryption off and on, in memory and through PostgreSQL, in one run with its SELECT 1. */
    private void personalDataRows(BenchDatabase db, List<BenchRow> rows) {
        BenchTarget target = db.freshSchema(PERSONAL_SCHEMA);
        db.freshSchema(PersonalDataBenchmarks.encryptedSchema(PERSONAL_SCHEMA));
        try {
            say("user create and find by e-mail, personal data encryption off and on");
            for (var r : run(options(target, PersonalDataBenchmarks.class, "memoryCreateUser|memoryFindByEmail|postgresCreateUser|postgresFindByEmail"
                    + "|personalSelectOne", Mode.SampleTime, 1))) {
                String param = r.getParams().getParam("encryption");
                String what = PersonalDataBenchmarks.LABELS.get(r.getParams().getBenchmark().replaceFirst(".*\\.", ""));
                rows.add(BenchRow.plain(what + (param == null ? "" : ", encryption " + param) + ", p50",
                        r.getPrimaryResult().getStatistics().getPercentile(50), "µs"));
            }
        } finally {
            db.dropSchema(PERSONAL_SCHEMA);
            db.dropSchema(PersonalDataBenchmarks.encryptedSchema(PERSONAL_SCHEMA));
        }
    }

    private static BenchRow memoryVerifyRow(double micros) {
        return BenchRow.plain("password verify, Argon2id m=19456 KiB t=2 p=1, in memory, p50", micros / 1000, "ms");
    }

    /** Users in the many-users world: as many as the default cache size holds, fewer when only the runner is being tested. */
    private int manyUsers() {
        return settings.mode().equals("smoke") ? 2 * ManyUsers.ORGS : 10_000;
    }

    private void manyUsersRows(BenchDatabase db, List<BenchRow> rows) {
        int users = manyUsers();
        String schema = ManyUsers.schema(users);
        BenchTarget target = db.freshSchema(schema);
        try {
            say("cached checks of " + users + " users at random");
            ManyUsers.write(db, schema, users);
            Map<String, Double> p50 = p50(run(options(target, ManyUsersBenchmarks.class, "cachedCheckManyUsers|pickManyUsers", Mode.SampleTime, 1)));
            rows.add(BenchRow.atMost("cached check, " + String.format(java.util.Locale.ROOT, "%,d", users) + " users at random, p50",
                    p50.get("cachedCheckManyUsers"), "µs", 0.2, "≤ 0.2 µs"));
            rows.add(BenchRow.plain("cached check, " + String.format(java.util.Locale.ROOT, "%,d", users) + " users: the random pick alone, p50", p50.get("pickManyUsers"), "µs"));
        } finally {
            db.dropSchema(schema);
        }
    }

    private void memoryManyUsersRows(List<BenchRow> rows) {
        say("in-memory checks of " + MemoryManyUsersState.USERS + " users at random");
        Map<String, Double> p50 = p50(run(options(null, ManyUsersBenchmarks.class, "inMemoryCheckManyUsers|pickInMemoryManyUsers", Mode.SampleTime, 1)));
        rows.add(BenchRow.atMost("in-memory check, 10,000 users at random, p50", p50.get("inMemoryCheckManyUsers"), "µs", 0.2, "≤ 0.2 µs"));
        rows.add(BenchRow.plain("in-memory check, 10,000 users: the random pick alone, p50", p50.get("pickInMemoryManyUsers"), "µs"));
    }

    private void writeRows(BenchDatabase db, List<BenchRow> rows, List<String> notes) {
        // a write is a thousand times slower than a check: in the few seconds the other rows warm up for, a fresh fork runs a
        // few hundred writes, mostly before the JIT has compiled the statement rendering (measured: half the steady rate)
        new WriteRows(settings, db, this::say, (benchmarks, target, methods, mode, threads) -> run(options(target, benchmarks, methods, mode, threads)
                .warmupIterations(longWarmup())))
                .addTo(rows, notes);
    }

    /** The warm-up iterations of a fork that must run {@link #WRITE_WARMUP_MILLIS} at least (none added without forks). */
    private int longWarmup() {
        return settings.forks() == 0 ? settings.warmupIterations()
                : Math.max(settings.warmupIterations(), (int) Math.ceil(WRITE_WARMUP_MILLIS / (double) settings.iterationMillis()));
    }

    /** How long a fork of the write benchmarks and of the tenants world, and the mixed workload, warm up, at least. */
    static final int WRITE_WARMUP_MILLIS = 8_000;

    /** Runs JMH: the benchmark methods {@code methods} (a regex alternation) of {@code benchmarks}. */
    interface Jmh {
        Collection<RunResult> run(Class<?> benchmarks, BenchTarget target, String methods, Mode mode, int threads);
    }

    private ChainedOptionsBuilder options(BenchTarget target, String methods, Mode mode, int threads) {
        return options(target, AccessBenchmarks.class, methods, mode, threads);
    }

    private ChainedOptionsBuilder options(BenchTarget target, Class<?> benchmarks, String methods, Mode mode, int threads) {
        ChainedOptionsBuilder b = new OptionsBuilder()
                .include(benchmarks.getName() + "\\.(" + methods + ")$")
                .mode(mode)
                .timeUnit(mode == Mode.Throughput ? TimeUnit.SECONDS : TimeUnit.MICROSECONDS)
                .threads(threads)
                .forks(settings.forks())
                .warmupIterations(settings.warmupIterations())
                .warmupTime(TimeValue.milliseconds(settings.iterationMillis()))
                .measurementIterations(settings.measurementIterations())
                .measurementTime(TimeValue.milliseconds(settings.iterationMillis()))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT);
        List<String> jvmArgs = new ArrayList<>();
        if (Runtime.version().feature() >= 24) {
            // JMH 1.37 reads fields through sun.misc.Unsafe, which JDK 24+ warns about in every fork
            jvmArgs.add("--sun-misc-unsafe-memory-access=allow");
        }
        if (target != null) {
            if (settings.forks() == 0) {
                target.jvmArgs().forEach(a -> {
                    String[] kv = a.substring(2).split("=", 2);
                    System.setProperty(kv[0], kv[1]);
                });
            } else {
                jvmArgs.addAll(target.jvmArgs());
            }
        }
        if (settings.forks() > 0) {
            b.jvmArgsAppend(jvmArgs.toArray(String[]::new));
        }
        return b;
    }

    private static Collection<RunResult> run(ChainedOptionsBuilder options) {
        try {
            return new Runner(options.build()).run();
        } catch (RunnerException e) {
            throw new ConfigurationException("benchmark failed: " + e.getMessage(), e);
        }
    }

    /** p50 in microseconds of each benchmark method that ran. */
    static Map<String, Double> p50(Collection<RunResult> results) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            out.put(name.substring(name.lastIndexOf('.') + 1), r.getPrimaryResult().getStatistics().getPercentile(50));
        }
        return out;
    }

    private void say(String what) {
        progress.println("bench: " + what);
        progress.flush();
    }

    private static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB heap, Java "
                + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch");
    }

    /** A warning when the server does not vacuum by itself: dead catalog rows then slow every statement's planning, run after run. */
    private static java.util.Optional<String> vacuumNote(BenchDatabase db) {
        try (var c = db.connect(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT current_setting('autovacuum'), coalesce((SELECT n_dead_tup FROM pg_stat_sys_tables"
                     + " WHERE relname = 'pg_class' AND schemaname = 'pg_catalog'), 0)")) {
            rs.next();
            return vacuumNote(rs.getString(1), rs.getLong(2));
        } catch (java.sql.SQLException e) {
            return java.util.Optional.empty();
        }
    }

    static java.util.Optional<String> vacuumNote(String autovacuum, long deadCatalogRows) {
        if (!"off".equals(autovacuum)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("autovacuum is off on this server; pg_class holds " + deadCatalogRows + " dead rows. Dead catalog rows"
                + " (left by test suites that create and drop schemas) slow every statement and swing figures between runs:"
                + " VACUUM FULL pg_class, pg_attribute, pg_policy and the other catalogs before comparing runs");
    }

    private static String serverVersion(BenchDatabase db) {
        try (var c = db.connect(); var st = c.createStatement(); var rs = st.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        } catch (java.sql.SQLException e) {
            return "(version unknown)";
        }
    }
}
