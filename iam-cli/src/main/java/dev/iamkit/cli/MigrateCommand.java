package dev.iamkit.cli;

import dev.iamkit.migrations.MigrationException;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Create or upgrade the iamkit schema in DATABASE_URL (run as the schema owner; IAMKIT_MIGRATION_URL overrides).")
final class MigrateCommand implements Runnable {
    @ParentCommand
    IamCli parent;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        try (Schema schema = Schema.open(parent.environment())) {
            int applied = schema.migrations.migrate();
            out.printf("schema %s: %d migration(s) applied, now at version %s%n", schema.migrations.schema(), applied,
                    schema.migrations.currentVersion().orElse("-"));
            out.printf("grant the application role to your login role: GRANT %s TO <login role>;%n", schema.migrations.appRole());
        } catch (MigrationException e) {
            throw new CliFailure(e.getMessage());
        }
    }
}
