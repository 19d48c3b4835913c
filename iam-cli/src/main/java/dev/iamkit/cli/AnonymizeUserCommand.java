package dev.iamkit.cli;

import dev.iamkit.IamDatabase;
import dev.iamkit.model.UserId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "anonymize-user", mixinStandardHelpOptions = true,
        description = "Replace a user's personal data, revoke their sessions and the API keys they created (GDPR erasure). Ids and the audit chain stay valid.")
final class AnonymizeUserCommand implements Runnable {
    @ParentCommand
    IamCli parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "<user id>", description = "the user to anonymize")
    String user;

    @Option(names = "--yes", description = "confirm: anonymizing cannot be undone")
    boolean yes;

    @Override
    public void run() {
        UserId id = UserId.parse(user);
        if (!yes) {
            throw new CliFailure("anonymizing " + id + " cannot be undone: add --yes to confirm");
        }
        try (IamDatabase db = parent.openStore()) {
            db.privacy().anonymize(id);
        }
        spec.commandLine().getOut().println("user " + id + " anonymized");
    }
}
