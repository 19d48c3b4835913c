package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.IamDatabase;
import dev.iamkit.model.NewOrganization;
import dev.iamkit.model.Organization;
import dev.iamkit.testkit.MutableClock;
import dev.iamkit.testkit.PostgresTestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A million rows go out of one PostgreSQL schema and into another through a JVM whose heap (48
 * MiB) could not hold them: the million {@code SnapshotRow}s alone would take several hundred
 * MiB, so a store or a writer that gathered the rows before writing them fails here with an
 * OutOfMemoryError. The child reports the live heap after each full collection, which must stay
 * far below that too. The child connects as the application's login, under row level security.
 */
class SnapshotMillionRowsTest {
    private static final PostgresFixture SOURCE = new PostgresFixture("snapmillion_a");
    private static final PostgresFixture TARGET = new PostgresFixture("snapmillion_b");
    private static final long ROWS = 1_000_000;
    private static final long LIVE_BOUND = 24L << 20;
    private static final Pattern REPORT = Pattern.compile("rows=(\\d+) millis=(\\d+) liveAfterGc=(\\d+) collections=(\\d+) maxHeap=(\\d+)");

    @Test
    void aMillionRowsStreamOutAndInWithinASmallHeap(@TempDir Path dir) throws Exception {
        Organization org;
        try (IamDatabase db = SOURCE.open(new MutableClock())) {
            org = db.organizations().create(new NewOrganization("bulk", "Bulk"));
        }
        try (IamDatabase target = TARGET.open(new MutableClock())) {
            target.health();   // the target's tables emptied; the child imports into them
        }
        PostgresTestDatabase.get().execute("INSERT INTO " + SOURCE.schema() + ".usage_counter (org_id, metric, day, value)"
                + " SELECT '" + org.id() + "', 'metric-' || (g / 1000), date '2000-01-01' + (g % 1000), g FROM generate_series(0, " + (ROWS - 1) + ") g");
        Path file = dir.resolve("million.ndjson");

        Map<String, Long> out = child("export", SOURCE.schema(), file);
        Map<String, Long> in = child("import", TARGET.schema(), file);

        System.out.printf("1M-row snapshot: export %d rows in %d ms (%.0f rows/s, live heap after %d full GCs at most %.1f MiB), "
                + "import %d rows in %d ms (%.0f rows/s, after %d full GCs at most %.1f MiB), file %.1f MiB, heap limit %.0f MiB%n",
                out.get("rows"), out.get("millis"), out.get("rows") * 1000.0 / out.get("millis"), out.get("collections"), out.get("liveAfterGc") / 1048576.0,
                in.get("rows"), in.get("millis"), in.get("rows") * 1000.0 / in.get("millis"), in.get("collections"), in.get("liveAfterGc") / 1048576.0,
                Files.size(file) / 1048576.0, out.get("maxHeap") / 1048576.0);
        assertThat(out.get("rows")).isEqualTo(ROWS + 1);   // the organization besides
        assertThat(in.get("rows")).isEqualTo(ROWS + 1);
        for (Map<String, Long> run : List.of(out, in)) {
            assertThat(run.get("collections")).isPositive();
            assertThat(run.get("liveAfterGc")).isLessThan(LIVE_BOUND);
        }
        assertThat(Files.size(file)).isGreaterThan(ROWS * 80);
    }

    private static Map<String, Long> child(String mode, String schema, Path file) throws IOException, InterruptedException {
        PostgresTestDatabase pg = PostgresTestDatabase.get();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder b = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx48m", "-XX:+UseSerialGC",
                "-cp", classPath, SnapshotMeasure.class.getName(), mode, pg.jdbcUrl(), TestDataSources.APP_LOGIN, TestDataSources.APP_PASSWORD, schema,
                file.toString()).redirectErrorStream(true);
        Process p = b.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
        Matcher m = REPORT.matcher(output);
        assertThat(m.find()).as(output).isTrue();
        Map<String, Long> r = new HashMap<>();
        for (String k : List.of("rows", "millis", "liveAfterGc", "collections", "maxHeap")) {
            r.put(k, Long.parseLong(m.group(List.of("rows", "millis", "liveAfterGc", "collections", "maxHeap").indexOf(k) + 1)));
        }
        return r;
    }
}
