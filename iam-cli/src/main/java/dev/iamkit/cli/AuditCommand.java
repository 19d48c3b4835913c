package dev.iamkit.cli;

import dev.iamkit.IamDatabase;
import dev.iamkit.model.AuditVerification;
import dev.iamkit.model.OrgId;
import dev.iamkit.support.AuditKeys;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "audit", mixinStandardHelpOptions = true, description = "Audit trail tasks.",
        subcommands = AuditCommand.Verify.class)
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
            description = {"Check an organization's audit chain with the keys in " + AuditKeys.SETTING + " and print what it found.",
                "Exit code 1 unless every event verified under a key and none is broken."})
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
            out.printf("audit chain of %s: %d event(s)%n", id, v.events());
            out.printf("  verified under a key  %d%n", v.verified());
            out.printf("  unkeyed               %d%n", v.unkeyed());
            out.printf("  predating the chain   %d%n", v.preChain());
            out.printf("  under an unknown key  %d%s%n", v.unknownKey(), v.unknownKeyIds().isEmpty() ? "" : " (" + String.join(", ", v.unknownKeyIds()) + ")");
            out.printf("  broken                %d%s%n", v.broken(), v.firstBrokenSeq().map(s -> " (first at event " + s + ")").orElse(""));
            out.println(v.intact() ? "intact" : "NOT intact");
            out.flush();
            if (!v.intact()) {
                throw new CliFailure("audit chain of " + id + " is not intact: " + String.join("; ", reasons(v)));
            }
        }

        private static List<String> reasons(AuditVerification v) {
            List<String> why = new ArrayList<>();
            v.firstBrokenSeq().ifPresent(s -> why.add(v.broken() + " event(s) broken, the first at event " + s + " (changed, inserted, or after a removed event)"));
            if (v.unknownKey() > 0) {
                why.add(v.unknownKey() + " event(s) under key(s) " + String.join(", ", v.unknownKeyIds()) + " not in " + AuditKeys.SETTING);
            }
            if (v.unkeyed() > 0) {
                why.add(v.unkeyed() + " event(s) unkeyed (written without an audit key; anyone able to write to the store can forge such a link)");
            }
            if (v.preChain() > 0) {
                why.add(v.preChain() + " event(s) predate the chain (no link)");
            }
            return why;
        }
    }
}
