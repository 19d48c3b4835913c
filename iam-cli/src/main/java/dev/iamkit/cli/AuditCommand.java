package dev.iamkit.cli;

import dev.iamkit.IamDatabase;
import dev.iamkit.model.AuditCheckpoint;
import dev.iamkit.model.AuditVerification;
import dev.iamkit.model.OrgId;
import dev.iamkit.support.AuditKeys;
import java.io.PrintWriter;
import dev.iamkit.support.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "audit", mixinStandardHelpOptions = true, description = "Audit trail tasks.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Checkpoint.class})
final class AuditCommand implements Runnable {
    @ParentCommand
    IamCli parent;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: verify or checkpoint");
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check an organization's audit chain with the keys in " + AuditKeys.SETTING + " and print what it found.",
                "Exit code 1 unless every event verified under a key, none is broken and the checkpoint (if given) matched."})
    static final class Verify implements Runnable {
        @ParentCommand
        AuditCommand audit;

        @Spec
        CommandSpec spec;

        @Option(names = "--org", required = true, paramLabel = "<organization id>", description = "the organization whose trail to verify")
        String org;

        @Option(names = "--checkpoint", paramLabel = "<text>", description = "a checkpoint printed earlier by `iam audit checkpoint`: also check that its event is still there")
        String checkpoint;

        @Option(names = "--json", description = "print the findings as one JSON object, with \"intact\" and the reasons it is not")
        boolean json;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            OrgId id = OrgId.parse(org);
            AuditCheckpoint kept = checkpoint == null ? null : AuditCheckpoint.parse(checkpoint);
            AuditVerification v;
            try (IamDatabase db = audit.parent.openStore()) {
                v = kept == null ? db.tenant(id).audit().verify() : db.tenant(id).audit().verify(kept);
            }
            if (json) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("intact", v.intact());
                o.put("events", v.events());
                o.put("verification", v);
                o.put("reasons", v.intact() ? List.of() : reasons(v, kept));
                out.println(Json.write(o));
            } else {
                print(out, id, v, kept);
            }
            out.flush();
            if (!v.intact()) {
                throw new CliFailure("audit chain of " + id + " is not intact: " + String.join("; ", reasons(v, kept)));
            }
        }

        private static void print(PrintWriter out, OrgId id, AuditVerification v, AuditCheckpoint kept) {
            out.printf("audit chain of %s: %d event(s)%n", id, v.events());
            out.printf("  verified under a key  %d%n", v.verified());
            out.printf("  unkeyed               %d%n", v.unkeyed());
            out.printf("  predating the chain   %d%n", v.preChain());
            out.printf("  under an unknown key  %d%s%n", v.unknownKey(), v.unknownKeyIds().isEmpty() ? "" : " (" + String.join(", ", v.unknownKeyIds()) + ")");
            out.printf("  broken                %d%s%n", v.broken(), v.firstBrokenSeq().map(s -> " (first at event " + s + ")").orElse(""));
            out.printf("  checkpoint            %s%n", kept == null ? "not given" : checkpointFinding(v, kept));
            out.println(v.intact() ? "intact" : "NOT intact");
        }

        private static String checkpointFinding(AuditVerification v, AuditCheckpoint kept) {
            return switch (v.checkpoint()) {
                case MATCHED -> "matched at event " + kept.seq();
                case MISSING -> "event " + kept.seq() + " is missing";
                case DIFFERENT -> "event " + kept.seq() + " has another link";
                case NOT_GIVEN -> "not given";
            };
        }

        private static List<String> reasons(AuditVerification v, AuditCheckpoint kept) {
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
            switch (v.checkpoint()) {
                case MISSING -> why.add("event " + kept.seq() + " of the checkpoint is missing: events were removed from the end");
                case DIFFERENT -> why.add("event " + kept.seq() + " does not carry the checkpoint's link: the trail up to it was replaced");
                default -> { }
            }
            return why;
        }
    }

    @Command(name = "checkpoint", mixinStandardHelpOptions = true,
            description = {"Print the head of an organization's audit chain as text to keep outside the database;",
                "`iam audit verify --checkpoint <text>` later shows whether events were removed from the end."})
    static final class Checkpoint implements Runnable {
        @ParentCommand
        AuditCommand audit;

        @Spec
        CommandSpec spec;

        @Option(names = "--org", required = true, paramLabel = "<organization id>", description = "the organization whose chain head to print")
        String org;

        @Override
        public void run() {
            OrgId id = OrgId.parse(org);
            try (IamDatabase db = audit.parent.openStore()) {
                spec.commandLine().getOut().println(db.tenant(id).audit().checkpoint().text());
            }
        }
    }
}
