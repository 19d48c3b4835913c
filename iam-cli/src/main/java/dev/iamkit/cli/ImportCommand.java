package dev.iamkit.cli;

import dev.iamkit.IamDatabase;
import dev.iamkit.portable.Snapshots;
import dev.iamkit.snapshot.SnapshotImport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Write the rows of a snapshot made by 'iam export' into the store, all or nothing.",
            "Rows the store already holds, equal, are accepted; any other collision refuses the whole file.",
            "Connects like migrate: IAMKIT_MIGRATION_URL or DATABASE_URL, IAMKIT_SCHEMA."})
final class ImportCommand implements Runnable {
    @ParentCommand
    IamCli parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "<file>", description = "the snapshot; - reads standard input")
    String file;

    @Override
    public void run() {
        SnapshotImport done;
        try (IamDatabase db = SnapshotCommands.open(parent); InputStream in = file.equals("-") ? parent.stdin() : Files.newInputStream(Path.of(file))) {
            done = Snapshots.importInto(db, in);
        } catch (NoSuchFileException e) {
            throw new CliFailure("no such file: " + file);
        } catch (IOException e) {
            throw new CliFailure("cannot read " + file + ": " + e.getMessage());
        }
        long present = done.alreadyPresent().values().stream().mapToLong(Long::longValue).sum();
        spec.commandLine().getOut().printf("%d rows imported, %d already present%n", done.totalWritten(), present);
        done.written().forEach((kind, n) -> spec.commandLine().getOut().printf("  %-22s %d%n", kind.wireName(), n));
    }
}
