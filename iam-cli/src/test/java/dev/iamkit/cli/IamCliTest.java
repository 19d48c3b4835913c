package dev.iamkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IamCliTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env, String... args) {
        return IamCli.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void demoRunsOnTheInMemoryStoreByDefault() {
        int code = run(Map.of(), "demo");
        assertThat(code).as(err.toString()).isZero();
        String text = out.toString();
        assertThat(text).contains("iamkit demo on the memory store");
        assertThat(text).containsPattern("chloe\\s+invoices\\.delete\\s+DENY\\s+a role assigned to the user denies it \\(role approver via team Finance\\)");
        assertThat(text).containsPattern("ben\\s+invoices\\.create\\s+ALLOW\\s+allowed by a role \\(role clerk\\)");
        assertThat(text).containsPattern("ana\\s+reports\\.read\\s+DENY\\s+the organization has no enabled, unexpired module");
        assertThat(text).containsPattern("dmitri\\s+invoices\\.read\\s+DENY\\s+the user's membership is not active");
        assertThat(text).contains("ana invoices.read -> the organization is suspended");
        assertThat(text).contains("grants.replace").contains("team.member.add").contains("203.0.113.7");
    }

    @Test
    void useDatabaseTrueWithoutUrlFailsWithOneLineNamingTheVariable() {
        int code = run(Map.of("USE_DATABASE", "true"), "demo");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("iam: ").contains("DATABASE_URL").doesNotContain("\n");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void unknownCommandPrintsUsageAndExitsNonZero() {
        int code = run(Map.of(), "frobnicate");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("Unmatched argument").contains("Usage: iam");
    }

    @Test
    void noCommandPrintsUsageAndExitsNonZero() {
        assertThat(run(Map.of())).isEqualTo(2);
        assertThat(err.toString()).contains("Missing command").contains("Usage: iam");
    }

    @Test
    void unknownOptionOfACommandIsAUsageError() {
        assertThat(run(Map.of(), "demo", "--bogus")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option").contains("Usage: iam demo");
    }

    @Test
    void helpListsTheDemo() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out.toString()).contains("demo").contains("DATABASE_URL");
    }

    @Test
    void versionNamesTheReleaseAndTheSchemaVersion() {
        assertThat(run(Map.of(), "--version")).isZero();
        assertThat(out.toString()).containsPattern("iamkit \\d+\\.\\d+\\.\\d+")
                .contains("schema version " + dev.iamkit.migrations.IamSchema.latestVersion());
    }
}
