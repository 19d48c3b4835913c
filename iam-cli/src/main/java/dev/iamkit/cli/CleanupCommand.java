package dev.iamkit.cli;

import dev.iamkit.IamDatabase;
import dev.iamkit.model.CleanupReport;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "cleanup", mixinStandardHelpOptions = true,
        description = "Delete expired or revoked sessions, expired or used magic links and ended rate-limit windows; print the counts.")
final class CleanupCommand implements Runnable {
    @ParentCommand
    IamCli parent;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        CleanupReport r;
        try (IamDatabase db = parent.openStore()) {
            r = db.housekeeping().cleanup();
        }
        Table t = new Table("kind", "deleted");
        t.row("sessions", r.sessions());
        t.row("magic links", r.magicLinks());
        t.row("rate-limit windows", r.rateLimitWindows());
        t.print(out);
        out.printf("%d row(s) deleted%n", r.total());
    }
}
