package dev.iamkit.cli;

import dev.iamkit.IamDatabases;
import dev.iamkit.bench.BenchReport;
import dev.iamkit.bench.BenchRow;
import dev.iamkit.bench.BenchRunner;
import dev.iamkit.bench.BenchSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure checks, reads and writes of both stores with JMH; print a table and write it as JSON.",
                "PostgreSQL is measured when DATABASE_URL (or IAMKIT_MIGRATION_URL) names a role that may create schemas and roles "
                        + "(e.g. postgres): the benchmark creates and drops schemas iamkit_bench, iamkit_bench_growth, iamkit_bench_tenants, iamkit_bench_users_<n>, iamkit_bench_writes and iamkit_bench_passwords and connects as "
                        + "login iamkit_bench_login, a member of the application role only."})
final class BenchCommand implements Runnable {
    @ParentCommand
    IamCli parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "Shorter iterations: about five minutes on a 2-core machine with PostgreSQL.")
    boolean quick;

    @Option(names = "--only", split = ",", paramLabel = "<section>",
            description = "Only these sections, comma-separated: checks, growth, tenants, mixed, writes, users, passwords, personal (default: all).")
    java.util.List<String> only = java.util.List.of();

    @Option(names = "--json", paramLabel = "<file>", defaultValue = "iam-bench.json", description = "Where to write the results (default: ${DEFAULT-VALUE}).")
    Path json;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<String> owner = ownerUrl();
        BenchSettings settings = quick ? BenchSettings.quick(owner) : BenchSettings.full(owner);
        BenchRunner runner;
        try {
            runner = new BenchRunner(settings, err).only(only);
        } catch (dev.iamkit.error.ValidationException e) {
            throw new CliFailure("--only " + e.getMessage().replaceFirst("^only:? ?", ""));
        }
        BenchReport report = runner.run();
        print(report, out);
        try {
            Files.writeString(json, report.toJson() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliFailure("cannot write " + json + ": " + e.getMessage());
        }
        out.println("results written to " + json);
    }

    private Optional<String> ownerUrl() {
        var env = parent.environment();
        if ("false".equalsIgnoreCase(env.getOrDefault(IamDatabases.USE_DATABASE, "").strip())) {
            return Optional.empty();
        }
        String url = env.getOrDefault(Schema.MIGRATION_URL, "");
        if (url.isBlank()) {
            url = env.getOrDefault(IamDatabases.DATABASE_URL, "");
        }
        return url.isBlank() ? Optional.empty() : Optional.of(url);
    }

    static void print(BenchReport report, PrintWriter out) {
        out.printf("iamkit bench (%s) on %s; %s%n", report.mode(), report.machine(), report.database());
        Table t = new Table("measure", "value", "unit", "target", "met");
        for (BenchRow r : report.rows()) {
            t.row(r.name(), format(r.value()), r.unit(), r.target().isEmpty() ? "-" : r.target(), r.met().map(m -> m ? "yes" : "NO").orElse("-"));
        }
        t.print(out);
        report.notes().forEach(n -> out.println("note: " + n));
    }

    static String format(double v) {
        if (v >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (v >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
