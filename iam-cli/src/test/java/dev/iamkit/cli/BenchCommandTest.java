package dev.iamkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code iam bench}: a table on the terminal, the same figures as JSON in a file. */
class BenchCommandTest {

    @Test
    void withoutADatabaseItMeasuresTheInMemoryStorePrintsATableAndWritesJson(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path json = dir.resolve("bench.json");
        int code = IamCli.run(Map.of("USE_DATABASE", "false"), new PrintWriter(out, true), new PrintWriter(err, true),
                "bench", "--quick", "--json", json.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("iamkit bench (quick)").contains("measure").contains("in-memory check, p50")
                .contains("≤ 0.2 µs").contains("note: PostgreSQL rows skipped").contains("results written to " + json);
        assertThat(Files.readString(json)).startsWith("{\"at\":").contains("\"mode\":\"quick\"").contains("\"name\":\"in-memory check, p50\"");
    }

    @Test
    void anUnknownSectionIsRefusedBeforeAnythingRuns(@TempDir Path dir) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path json = dir.resolve("bench.json");
        int code = IamCli.run(Map.of("USE_DATABASE", "false"), new PrintWriter(out, true), new PrintWriter(err, true),
                "bench", "--quick", "--only", "checks,nope", "--json", json.toString());

        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("--only").contains("'nope'").contains("checks, growth, tenants, mixed, writes, users");
        assertThat(json).doesNotExist();
    }

    @Test
    void numbersAreShownWithSensiblePrecision() {
        assertThat(BenchCommand.format(0.0612)).isEqualTo("0.061");
        assertThat(BenchCommand.format(17.94)).isEqualTo("17.9");
        assertThat(BenchCommand.format(100008)).isEqualTo("100,008");
    }
}
