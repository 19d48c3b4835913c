package dev.iamkit.cli;

import dev.iamkit.IamDatabase;
import dev.iamkit.model.UserId;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "export-user", mixinStandardHelpOptions = true,
        description = "Write everything the store holds about a user as one JSON document (GDPR access request).")
final class ExportUserCommand implements Runnable {
    @ParentCommand
    IamCli parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "<user id>", description = "the user to export")
    String user;

    @Option(names = "--out", paramLabel = "<file>", description = "write the document here instead of standard output")
    Path file;

    @Override
    public void run() {
        UserId id = UserId.parse(user);
        String json;
        try (IamDatabase db = parent.openStore()) {
            json = db.privacy().exportUser(id);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (file == null) {
            out.println(json);
            return;
        }
        try {
            Files.writeString(file, json + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliFailure("cannot write " + file + ": " + e.getMessage());
        }
        out.println("export of " + id + " written to " + file);
    }
}
