package dev.iamkit.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Mode;

/**
 * The rows of {@link WriteBenchmarks}: each write's p50 beside the baseline write (and
 * {@code SELECT 1}) of the same run, the growth pair (one write with a short and with a long audit
 * history), and write throughput on one organization and on one organization per thread, beside
 * the baseline write at the same thread counts.
 */
record WriteRows(BenchSettings settings, BenchDatabase db, Consumer<String> say, BenchRunner.Jmh jmh) {
    static final String SCHEMA = "iamkit_bench_writes";
    private static final List<Integer> THREADS = List.of(1, 2, 4);
    private static final List<String> LATENCIES = List.of("selectOne", "baselineWrite", "createRole", "grantOne", "replace10Grants", "replace1000Same",
            "replace1000Others", "assignInTenant", "assignUnassignInTenant", "assignSmallHistory", "assignLargeHistory", "auditedWriteFloor",
            "replace1000Floor");

    /** Events in the long history: a million, but for the smoke test of the runner. */
    private long largeHistory() {
        return settings.mode().equals("smoke") ? 10_000 : 1_000_000;
    }

    void addTo(List<BenchRow> rows, List<String> notes) {
        BenchTarget target = db.freshSchema(SCHEMA);
        try {
            say.accept("write data: " + largeHistory() + " audit events");
            WriteData.load(db, SCHEMA, largeHistory());
            say.accept("PostgreSQL write latencies");
            Map<String, Double> p50 = BenchRunner.p50(jmh.run(WriteBenchmarks.class, target, String.join("|", LATENCIES), Mode.SampleTime, 1));
            double select1 = p50.get("selectOne");
            double write = p50.get("baselineWrite");
            rows.add(BenchRow.plain("writes: SELECT 1 through the same pool, p50", select1, "µs"));
            rows.add(BenchRow.plain("writes: baseline write (BEGIN; INSERT one row; COMMIT), p50", write, "µs"));
            latency(rows, notes, p50, "auditedWriteFloor", "floor of an audited write (the same rows as an assign, one statement)", 0, select1, write);
            latency(rows, notes, p50, "assignInTenant", "assign (re-assign) in inTenant", 2.0, select1, write);
            rows.add(BenchRow.plain("writes: assign / the floor of an audited write", p50.get("assignInTenant") / p50.get("auditedWriteFloor"), "x"));
            latency(rows, notes, p50, "assignUnassignInTenant", "assign + unassign in one inTenant (2 writes)", 4.0, select1, write);
            latency(rows, notes, p50, "createRole", "create role", 2.0, select1, write);
            latency(rows, notes, p50, "grantOne", "grant one action (its effect flipped)", 2.0, select1, write);
            latency(rows, notes, p50, "replace10Grants", "replace 10 grants by 10 others", 2.0, select1, write);
            latency(rows, notes, p50, "replace1000Same", "replace 1000 grants by the same 1000 (nothing changes)", 0, select1, write);
            latency(rows, notes, p50, "replace1000Others", "replace 1000 grants by 1000 others", 0, select1, write);
            latency(rows, notes, p50, "replace1000Floor", "floor of replacing 1000 grants by 1000 others (the rows deleted and inserted, one statement)",
                    0, select1, write);
            rows.add(BenchRow.plain("writes: replace 1000 grants by 1000 others / its floor", p50.get("replace1000Others") / p50.get("replace1000Floor"), "x"));
            rows.add(BenchRow.atMost("writes: replace 1000 grants (same / others), worse p50", Math.max(p50.get("replace1000Same"), p50.get("replace1000Others")),
                    "µs", 10_000, "≤ 10 ms"));
            double small = p50.get("assignSmallHistory");
            double large = p50.get("assignLargeHistory");
            rows.add(BenchRow.plain("writes: assign with ~" + WriteData.SMALL_HISTORY + " audit events, p50", small, "µs"));
            rows.add(BenchRow.plain("writes: assign with " + largeHistory() + " audit events, p50", large, "µs"));
            rows.add(BenchRow.atMost("writes: assign, " + largeHistory() + " / ~" + WriteData.SMALL_HISTORY + " audit events", large / small, "x", 1.2, "≤ 1.2x"));
            for (int n : THREADS) {
                double base = throughput("baselineWrite", target, n);
                double notifying = throughput("baselineWriteNotifying", target, n);
                double same = throughput("assignUnassignInTenant", target, n);
                double own = throughput("assignUnassignOwnOrg", target, n);
                rows.add(BenchRow.plain("writes: baseline writes/s, " + n + " thread(s)", base, "tx/s"));
                rows.add(BenchRow.plain("writes: baseline writes with a NOTIFY (before V19)/s, " + n + " thread(s)", notifying, "tx/s"));
                rows.add(BenchRow.plain("writes: assign+unassign tx/s, one organization, " + n + " thread(s)", same, "tx/s"));
                rows.add(BenchRow.plain("writes: assign+unassign tx/s, an organization per thread, " + n + " thread(s)", own, "tx/s"));
                notes.add(String.format(Locale.ROOT, "writes, %d thread(s): assign+unassign (2 writes per tx) at %.2fx (one organization) and %.2fx "
                        + "(an organization per thread) of the baseline write's tx/s", n, same / base, own / base));
            }
        } finally {
            db.dropSchema(SCHEMA);
        }
    }

    private double throughput(String method, BenchTarget target, int threads) {
        say.accept(method + " per second, " + threads + " thread(s)");
        return jmh.run(WriteBenchmarks.class, target, method, Mode.Throughput, threads).iterator().next().getPrimaryResult().getScore();
    }

    /** The p50 row and its ratio to the baseline write (with a target when {@code limit} > 0); the ratio to SELECT 1 as a note. */
    private static void latency(List<BenchRow> rows, List<String> notes, Map<String, Double> p50, String method, String label, double limit,
            double select1, double write) {
        double v = p50.get(method);
        rows.add(BenchRow.plain("writes: " + label + ", p50", v, "µs"));
        String ratio = "writes: " + label + " / baseline write";
        rows.add(limit > 0 ? BenchRow.atMost(ratio, v / write, "x", limit, String.format(Locale.ROOT, "≤ %.0fx", limit))
                : BenchRow.plain(ratio, v / write, "x"));
        notes.add(String.format(Locale.ROOT, "writes: %s at %.1fx SELECT 1", label, v / select1));
    }
}
