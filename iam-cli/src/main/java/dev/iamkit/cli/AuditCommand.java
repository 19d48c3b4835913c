package dev.iamkit.cli;

import dev.iamkit.IamDatabase;
import dev.iamkit.model.AuditVerification;
import dev.iamkit.model.OrgId;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "audit", mixinStandardHelpOptions = true, description = "Audit trail tasks.", subcommands = AuditCommand.Verify.class)
final class AuditCommand implements Runnable {
    @ParentCommand
    IamCli parent;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: verify");
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Recompute an organization's audit hash chain; exit code 1 when an event was changed or removed.")
    static final class Verify implements Runnable {
        @ParentCommand
        AuditCommand audit;

        @Spec
        CommandSpec spec;

        @Option(names = "--org", required = true, paramLabel = "<organization id>", description = "the organization whose trail to verify")
        String org;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            OrgId id = OrgId.parse(org);
            AuditVerification v;
            try (IamDatabase db = audit.parent.openStore()) {
                v = db.tenant(id).audit().verify();
            }
            if (!v.intact()) {
                throw new CliFailure("audit chain of " + id + " broken at event " + v.firstBrokenSeq().get() + " (" + v.checked() + " checked)");
            }
            out.printf("audit chain of %s intact: %d event(s) checked%n", id, v.checked());
        }
    }
}
