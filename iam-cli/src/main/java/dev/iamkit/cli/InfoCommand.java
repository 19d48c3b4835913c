package dev.iamkit.cli;

import dev.iamkit.migrations.IamMigrations;
import dev.iamkit.migrations.MigrationException;
import dev.iamkit.migrations.MigrationStatus;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the schema's migration versions, applied and pending, in DATABASE_URL.")
final class InfoCommand implements Runnable {
    @ParentCommand
    IamCli parent;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        try (Schema schema = Schema.open(parent.environment())) {
            Table t = new Table("version", "description", "state", "installed");
            for (MigrationStatus s : schema.migrations.info()) {
                t.row(s.version(), s.description(), s.state(), s.installedOn().map(Object::toString).orElse("-"));
            }
            out.printf("schema %s (this library needs version %s)%n", schema.migrations.schema(), IamMigrations.latestVersion());
            t.print(out);
        } catch (MigrationException e) {
            throw new CliFailure(e.getMessage());
        }
    }
}
