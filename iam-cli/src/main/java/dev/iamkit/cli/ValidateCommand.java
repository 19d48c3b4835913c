package dev.iamkit.cli;

import dev.iamkit.migrations.IamSchema;
import dev.iamkit.migrations.MigrationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check that the schema in DATABASE_URL has exactly this library's versions applied, unchanged, none pending.",
            "Exit code 1, naming what differs, otherwise."})
final class ValidateCommand implements Runnable {
    @ParentCommand
    IamCli parent;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        try (Schema schema = Schema.open(parent.environment())) {
            schema.migrations.validate();
            spec.commandLine().getOut().printf("schema %s matches this library's migrations (version %s)%n",
                    schema.migrations.schema(), IamSchema.latestVersion());
        } catch (MigrationException e) {
            throw new CliFailure(e.getMessage());
        }
    }
}
