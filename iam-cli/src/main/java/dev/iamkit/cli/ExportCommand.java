package dev.iamkit.cli;

import dev.iamkit.IamDatabase;
import dev.iamkit.model.OrgId;
import dev.iamkit.portable.Snapshots;
import dev.iamkit.snapshot.SnapshotKind;
import dev.iamkit.snapshot.SnapshotScope;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a portable snapshot of the store (or of one organization) as JSON lines (docs/export.md).",
            "Connects like migrate: IAMKIT_MIGRATION_URL or DATABASE_URL, IAMKIT_SCHEMA.",
            "The file holds token digests and password hashes: keep it like a backup of the database."})
final class ExportCommand implements Runnable {
    @ParentCommand
    IamCli parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--org", paramLabel = "<organization id>", description = "only this organization, its members and the catalog")
    String org;

    @Option(names = "--out", paramLabel = "<file>", description = "write the snapshot here instead of standard output")
    Path file;

    @Override
    public void run() {
        SnapshotScope scope = org == null ? SnapshotScope.wholeStore() : SnapshotScope.organization(OrgId.parse(org));
        try (IamDatabase db = SnapshotCommands.open(parent)) {
            if (file == null) {
                Snapshots.export(db, scope, spec.commandLine().getOut());
                spec.commandLine().getOut().flush();
                return;
            }
            Map<SnapshotKind, Long> counts;
            try (OutputStream out = Files.newOutputStream(file)) {
                counts = Snapshots.export(db, scope, out);
            } catch (IOException e) {
                throw new CliFailure("cannot write " + file + ": " + e.getMessage());
            }
            spec.commandLine().getOut().printf("%d rows written to %s%n", counts.values().stream().mapToLong(Long::longValue).sum(), file);
        }
    }
}
