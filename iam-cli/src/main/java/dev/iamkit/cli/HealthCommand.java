package dev.iamkit.cli;

import dev.iamkit.IamDatabase;
import dev.iamkit.model.Health;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Report the store the environment selects: reachable, round-trip time, schema version, pool. Exit code 1 when unhealthy.")
final class HealthCommand implements Runnable {
    @ParentCommand
    IamCli parent;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        Health h;
        try (IamDatabase db = parent.openStore()) {
            h = db.health();
        }
        Table t = new Table("check", "value");
        t.row("store", h.kind());
        t.row("reachable", h.reachable() ? "yes" : "no");
        t.row("round trip", String.format(Locale.ROOT, "%.3f ms", h.roundTrip().toNanos() / 1e6));
        t.row("schema version", h.schemaVersion().orElse("-") + h.expectedVersion().map(v -> " (library needs " + v + ")").orElse(""));
        t.row("row level security", h.rowLevelSecurity().map(on -> on ? "in force" : "NOT in force for this login").orElse("-"));
        t.row("pool", h.pool().map(p -> p.active() + " active, " + p.idle() + " idle, " + p.total() + " total, " + p.waiting() + " waiting").orElse("-"));
        t.print(out);
        out.println(h.healthy() ? "healthy" : "UNHEALTHY: " + h.problem().orElse("schema version differs"));
        if (!h.healthy()) {
            throw new CliFailure(h.problem().orElse("unhealthy"));
        }
    }
}
