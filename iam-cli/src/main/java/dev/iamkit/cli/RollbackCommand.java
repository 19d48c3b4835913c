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

    @Option(names = "--yes", description = "confirm without being asked: rolling back drops tables and their data")
    boolean yes;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        if (!to.matches("\\d{1,9}")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--to must be a version number, not '" + to + "'");
        }
        try (Schema schema = Schema.open(parent.environment())) {
            confirm(schema.migrations.schema());
            int undone = schema.migrations.rollback(to);
            out.printf("schema %s: %d version(s) rolled back, now at version %s%n", schema.migrations.schema(), undone,
                    schema.migrations.currentVersion().orElse("0"));
        } catch (MigrationException e) {
            throw new CliFailure(e.getMessage());
        }
    }

    /** Without --yes, asks on the terminal; with no terminal to ask on, refuses. */
    private void confirm(String schema) {
        if (yes) {
            return;
        }
        String question = "Roll back schema " + schema + " to version " + to + "? Tables of the later versions are dropped with their data. Type 'yes' to go on: ";
        String answer = parent.confirmation().ask(question)
                .orElseThrow(() -> new CliFailure("rolling back schema " + schema + " drops tables and their data: add --yes to confirm (there is no terminal to ask on)"));
        if (!answer.equalsIgnoreCase("yes")) {
            throw new CliFailure("rollback of schema " + schema + " cancelled: nothing was changed");
        }
    }
}
