package dev.iamkit.cli;

import dev.iamkit.migrations.IamMigrations;
import dev.iamkit.migrations.MigrationException;
import dev.iamkit.migrations.MigrationStatus;
import dev.iamkit.support.Json;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
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

    @Option(names = "--json", description = "print one JSON object (schema, version needed, versions with their state) instead of a table")
    boolean json;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        try (Schema schema = Schema.open(parent.environment())) {
            List<MigrationStatus> versions = schema.migrations.info();
            if (json) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("schema", schema.migrations.schema());
                o.put("libraryVersion", IamMigrations.latestVersion());
                o.put("currentVersion", versions.stream().filter(s -> s.state() == MigrationStatus.State.APPLIED).reduce((a, b) -> b)
                        .map(MigrationStatus::version).orElse(null));
                o.put("versions", versions);
                out.println(Json.write(o));
                return;
            }
            Table t = new Table("version", "description", "state", "installed");
            for (MigrationStatus s : versions) {
                t.row(s.version(), s.description(), s.state(), s.installedOn().map(Object::toString).orElse("-"));
            }
            out.printf("schema %s (this library needs version %s)%n", schema.migrations.schema(), IamMigrations.latestVersion());
            t.print(out);
        } catch (MigrationException e) {
            throw new CliFailure(e.getMessage());
        }
    }
}
