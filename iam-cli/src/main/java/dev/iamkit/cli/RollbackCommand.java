package dev.iamkit.cli;

import dev.iamkit.migrations.MigrationException;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Undo schema versions newer than --to, newest first (data in dropped tables is lost).")
final class RollbackCommand implements Runnable {
    @ParentCommand
    IamCli parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--to", required = true, paramLabel = "<version>", description = "the version to end at; 0 undoes everything")
    String to;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        if (!to.matches("\\d{1,9}")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--to must be a version number, not '" + to + "'");
        }
        try (Schema schema = Schema.open(parent.environment())) {
            int undone = schema.migrations.rollback(to);
            out.printf("schema %s: %d version(s) rolled back, now at version %s%n", schema.migrations.schema(), undone,
                    schema.migrations.currentVersion().orElse("0"));
        } catch (MigrationException e) {
            throw new CliFailure(e.getMessage());
        }
    }
}
