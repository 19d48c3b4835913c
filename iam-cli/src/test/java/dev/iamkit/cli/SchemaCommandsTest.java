package dev.iamkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.migrations.IamMigrations;
import dev.iamkit.testkit.PostgresTestDatabase;
import dev.iamkit.support.Json;
import dev.iamkit.migrations.IamSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code iam migrate}, {@code iam info}, {@code iam rollback} and {@code iam distribute} against the test PostgreSQL. */
class SchemaCommandsTest {
    private final PostgresTestDatabase pg = PostgresTestDatabase.get();
    private String schema;
    private Map<String, String> env;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void freshSchemaName() {
        schema = pg.createSchema("iamkit_cli");
        String url = OwnerUrl.of(pg);
        env = Map.of("DATABASE_URL", url, "IAMKIT_SCHEMA", schema);
    }

    @AfterEach
    void drop() {
        pg.dropSchema(schema);
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return IamCli.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void migrateThenInfoThenRollbackThenMigrateAgain() {
        assertThat(run("info")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("PENDING").doesNotContain("APPLIED");
        // one line per version; the numbering may have gaps
        int versions = out.toString().split("PENDING", -1).length - 1;

        int latest = Integer.parseInt(IamMigrations.latestVersion());
        assertThat(latest).isGreaterThan(1);
        assertThat(versions).isGreaterThan(1).isLessThanOrEqualTo(latest);
        assertThat(run("migrate")).as(err.toString()).isZero();
        assertThat(out.toString()).contains(versions + " migration(s) applied, now at version " + latest).contains("GRANT iamkit_app TO");

        assertThat(run("info")).isZero();
        assertThat(out.toString()).contains("APPLIED").doesNotContain("PENDING");

        assertThat(run("rollback", "--to", "1", "--yes")).as(err.toString()).isZero();
        assertThat(out.toString()).contains((versions - 1) + " version(s) rolled back, now at version 1");

        assertThat(run("migrate")).isZero();
        assertThat(out.toString()).contains((versions - 1) + " migration(s) applied, now at version " + latest);
    }

    @Test
    void rollbackNeedsANumericVersion() {
        assertThat(run("rollback", "--to", "latest")).isEqualTo(2);
        assertThat(err.toString()).contains("--to must be a version number");
        assertThat(run("rollback")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--to=<version>'");
    }

    @Test
    void distributeRefusesAnUnmigratedSchemaAndADatabaseWithoutCitusInOneLine() {
        assertThat(run("distribute")).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("iam: schema " + schema + " is at version none").contains("iam migrate").doesNotContain("\n");
        assertThat(run("migrate")).isZero();
        assertThat(run("distribute")).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("iam: the Citus extension is not installed in database").doesNotContain("\n");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void withoutADatabaseUrlTheSchemaCommandsSayWhatToSet() {
        out = new StringWriter();
        err = new StringWriter();
        int code = IamCli.run(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), "migrate");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("iam: ").contains("DATABASE_URL").doesNotContain("\n");
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> object(Object json) {
        return (Map<Object, Object>) (json instanceof String text ? Json.read(text) : json);
    }

    private int run(Confirmation terminal, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return IamCli.run(env, terminal, new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void validatePassesOnAMigratedSchemaAndNamesWhatDiffersOtherwise() {
        assertThat(run("validate")).isEqualTo(1);
        assertThat(err.toString()).startsWith("iam: ").contains("does not match this library's migrations");
        assertThat(run("migrate")).as(err.toString()).isZero();
        assertThat(run("validate")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("schema " + schema + " matches this library's migrations (version " + IamMigrations.latestVersion() + ")");
        pg.execute("UPDATE " + schema + ".flyway_schema_history SET checksum = checksum + 1 WHERE version = '2'");
        assertThat(run("validate")).isEqualTo(1);
        assertThat(err.toString()).contains("checksum");
    }

    @Test
    void infoPrintsJsonWhenAsked() {
        assertThat(run("migrate")).isZero();
        assertThat(run("info", "--json")).as(err.toString()).isZero();
        Map<Object, Object> info = object(out.toString());
        assertThat(info).containsEntry("schema", schema).containsEntry("libraryVersion", IamMigrations.latestVersion())
                .containsEntry("currentVersion", IamMigrations.latestVersion());
        List<?> versions = (List<?>) info.get("versions");
        assertThat(versions).hasSize(IamSchema.versions().size());
        assertThat(object(versions.get(0))).containsEntry("version", "1").containsEntry("state", "APPLIED").containsKey("installedOn");
    }

    @Test
    void rollbackWithoutYesAsksOnTheTerminalAndRefusesWithoutOne() {
        assertThat(run("migrate")).isZero();
        List<String> asked = new ArrayList<>();
        assertThat(run(q -> Optional.empty(), "rollback", "--to", "1")).isEqualTo(1);
        assertThat(err.toString()).contains("add --yes to confirm").contains("no terminal");
        assertThat(run(q -> {
            asked.add(q);
            return Optional.of("no");
        }, "rollback", "--to", "1")).isEqualTo(1);
        assertThat(err.toString()).contains("cancelled");
        assertThat(asked).singleElement().asString().contains("Roll back schema " + schema + " to version 1");
        assertThat(run("info", "--json")).isZero();
        assertThat(object(out.toString())).as("nothing was rolled back").containsEntry("currentVersion", IamMigrations.latestVersion());

        assertThat(run(q -> Optional.of("yes"), "rollback", "--to", "1")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("now at version 1");
    }
}
