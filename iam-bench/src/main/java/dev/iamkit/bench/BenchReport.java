package dev.iamkit.bench;

import dev.iamkit.support.Json;
import java.time.Instant;
import java.util.List;

/** What a benchmark run measured, where and how; {@link #toJson()} is what {@code iam bench --json} writes. */
public record BenchReport(Instant at, String mode, String machine, String database, List<BenchRow> rows, List<String> notes) {
    public BenchReport {
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
    }

    public String toJson() {
        return Json.write(this);
    }
}
