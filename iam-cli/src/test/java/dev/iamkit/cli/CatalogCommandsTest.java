package dev.iamkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.IamDatabase;
import dev.iamkit.IamDatabases;
import dev.iamkit.model.NewOrganization;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Role;
import dev.iamkit.testkit.PostgresTestDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code iam plan FILE} and {@code iam apply FILE}: a catalog file planned, applied, re-applied, pruned; errors reported with their path. */
class CatalogCommandsTest {
    private static final String CATALOG = """
            modules:
              - code: billing
                name: Billing
                features: [invoices]
                views: [invoice-list]
            features:
              - code: invoices
                name: Invoices
                actions: [read, create]
                views: [invoice-list]
            views:
              - code: invoice-list
                name: Invoices
                path: /invoices
            menu:
              - label: Invoices
                view: invoice-list
            roles:
              - code: clerk
                name: Clerk
                grants:
                  - {feature: invoices, action: create}
            """;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();
    private Path file;

    @BeforeEach
    void writeFile() throws IOException {
        file = Files.createTempFile("catalog", ".yaml");
        Files.writeString(file, CATALOG);
    }

    @AfterEach
    void deleteFile() throws IOException {
        Files.deleteIfExists(file);
    }

    private int run(Map<String, String> env, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return IamCli.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void planApplyReapplyAndPruneOnPostgres() throws IOException {
        PostgresTestDatabase pg = PostgresTestDatabase.get();
        String schema = pg.createSchema("iamkit_cli_catalog");
        try {
            Map<String, String> env = Map.of("DATABASE_URL", AppUrl.of(pg), "IAMKIT_MIGRATION_URL", OwnerUrl.of(pg), "IAMKIT_SCHEMA", schema);
            assertThat(run(env, "migrate")).as(err.toString()).isZero();
            OrgId acme;
            try (IamDatabase db = IamDatabases.fromSettings(env)) {
                acme = db.organizations().create(new NewOrganization("acme", "Acme")).id();
            }

            assertThat(run(env, "plan", file.toString(), "--org", "acme", "--detailed-exitcode")).as(err.toString())
                    .isEqualTo(CatalogCommands.CHANGES_PENDING);
            assertThat(out.toString()).contains("+ module billing\n").contains("+ role acme:clerk\n")
                    .endsWith("plan: 5 to create, 0 to change, 0 to remove, 0 kept\n");
            try (IamDatabase db = IamDatabases.fromSettings(env)) {
                assertThat(db.catalog().modules().list()).isEmpty();
            }

            assertThat(run(env, "apply", file.toString(), "--all-orgs")).as(err.toString()).isZero();
            assertThat(out.toString()).contains("+ view invoice-list\n").contains("+ role acme:clerk\n");
            try (IamDatabase db = IamDatabases.fromSettings(env)) {
                assertThat(db.catalog().modules().findByCode("billing")).isPresent();
                assertThat(db.tenant(acme).roles().list(PageRequest.first()).items()).extracting(Role::code).containsExactly("clerk");
                assertThat(db.tenant(acme).audit().list(PageRequest.first()).items()).anySatisfy(e -> assertThat(e.actor()).contains("iam-cli"));
            }

            assertThat(run(env, "plan", file.toString(), "--org", acme.toString(), "--detailed-exitcode")).as(err.toString()).isZero();
            assertThat(out.toString()).isEqualTo("plan: 0 to create, 0 to change, 0 to remove, 0 kept\n");

            Files.writeString(file, CATALOG.replace("name: Invoices\n    path", "name: All invoices\n    path")
                    .replace("  - label: Invoices\n    view: invoice-list\n", "  - label: Bills\n    view: invoice-list\n"));
            assertThat(run(env, "apply", file.toString())).as(err.toString()).isZero();
            assertThat(out.toString()).contains("~ view invoice-list\n    name: \"Invoices\" -> \"All invoices\"\n")
                    .contains("+ menu Bills\n").contains("= menu Invoices (kept, not in file)\n");
            assertThat(run(env, "apply", file.toString(), "--prune")).as(err.toString()).isZero();
            assertThat(out.toString()).isEqualTo("- menu Invoices\nplan: 0 to create, 0 to change, 1 to remove, 0 kept\n");
        } finally {
            pg.dropSchema(schema);
        }
    }

    @Test
    void fileErrorsNameTheirPathAndNothingConnects() throws IOException {
        Map<String, String> memory = Map.of("USE_DATABASE", "false");
        Files.writeString(file, CATALOG.replace("actions: [read, create]", "actions: [read, Create]"));
        assertThat(run(memory, "plan", file.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("iam: features[0].actions[1]: must be");

        Files.writeString(file, CATALOG.replace("    name: Billing\n", "    name: Billing\n    enable: true\n"));
        assertThat(run(memory, "apply", file.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("iam: modules[0].enable: unknown key");

        // DATABASE_URL names nothing that answers: the file is refused before any connection is tried
        Map<String, String> unreachable = Map.of("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none");
        assertThat(run(unreachable, "apply", file.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("iam: modules[0].enable: unknown key");

        assertThat(run(memory, "plan", file + ".missing")).isEqualTo(1);
        assertThat(err.toString()).startsWith("iam: file: cannot read");
    }

    @Test
    void optionsAreCheckedAndAnUnknownOrganizationIsReported() {
        Map<String, String> memory = Map.of("USE_DATABASE", "false");
        assertThat(run(memory, "apply", file.toString(), "--org", "acme", "--all-orgs")).isEqualTo(2);
        assertThat(run(memory, "apply")).isEqualTo(2);
        assertThat(run(memory, "apply", file.toString(), "--org", "acme")).isEqualTo(1);
        assertThat(err.toString()).contains("iam: ").contains("acme");
        assertThat(run(memory, "apply", file.toString(), "--org", "0190a0a0-0000-7000-8000-000000000000")).isEqualTo(1);
        assertThat(run(memory, "plan", file.toString(), "--detailed-exitcode")).isEqualTo(CatalogCommands.CHANGES_PENDING);
        assertThat(run(memory, "plan", file.toString())).isZero();
        assertThat(out.toString()).endsWith("plan: 4 to create, 0 to change, 0 to remove, 0 kept\n");
    }
}
