package dev.iamkit.cli;

import dev.iamkit.IamDatabase;
import dev.iamkit.model.Health;
import dev.iamkit.support.Json;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
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

    @Option(names = "--json", description = "print the report as one JSON object (roundTripMillis for the round trip), with \"healthy\"")
    boolean json;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        Health h;
        try (IamDatabase db = parent.openStore()) {
            h = db.health();
        }
        if (json) {
            out.println(json(h));
        } else {
            table(h, out);
        }
        if (!h.healthy()) {
            throw new CliFailure(h.problem().orElse("unhealthy"));
        }
    }

    private static String json(Health h) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("healthy", h.healthy());
        o.put("store", h.kind());
        o.put("reachable", h.reachable());
        o.put("roundTripMillis", h.roundTrip().toNanos() / 1e6);
        o.put("schemaVersion", h.schemaVersion());
        o.put("expectedVersion", h.expectedVersion());
        o.put("rowLevelSecurity", h.rowLevelSecurity());
        o.put("pool", h.pool());
        o.put("problem", h.problem());
        return Json.write(o);
    }

    private static void table(Health h, PrintWriter out) {
        Table t = new Table("check", "value");
        t.row("store", h.kind());
        t.row("reachable", h.reachable() ? "yes" : "no");
        t.row("round trip", String.format(Locale.ROOT, "%.3f ms", h.roundTrip().toNanos() / 1e6));
        t.row("schema version", h.schemaVersion().orElse("-") + h.expectedVersion().map(v -> " (library needs " + v + ")").orElse(""));
        t.row("row level security", h.rowLevelSecurity().map(on -> on ? "in force" : "NOT in force for this login").orElse("-"));
        t.row("pool", h.pool().map(p -> p.active() + " active, " + p.idle() + " idle, " + p.total() + " total, " + p.waiting() + " waiting").orElse("-"));
        t.print(out);
        out.println(h.healthy() ? "healthy" : "UNHEALTHY: " + h.problem().orElse("schema version differs"));
    }
}
