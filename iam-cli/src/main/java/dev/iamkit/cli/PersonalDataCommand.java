package dev.iamkit.cli;

import dev.iamkit.IamDatabase;
import dev.iamkit.store.PersonalDataKeys;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "personal-data", mixinStandardHelpOptions = true,
        description = {"With IAMKIT_MASTER_KEYS set (the current key first): 'rewrap' moves every user's data key to the current master key "
                + "(the ciphertext is not touched; afterwards the older keys can be removed), 'encrypt-existing' encrypts users stored in "
                + "plain text before encryption was turned on. Runs batches, each its own transaction, until none is left; safe to run while "
                + "the application serves, and to run again after an interruption."})
final class PersonalDataCommand implements Runnable {
    @ParentCommand
    IamCli parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "rewrap or encrypt-existing")
    String task;

    @Option(names = "--batch-size", defaultValue = "500", description = "Users per transaction (1 to 10000; default ${DEFAULT-VALUE}).")
    int batchSize;

    @Override
    public void run() {
        if (!task.equals("rewrap") && !task.equals("encrypt-existing")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "the task must be rewrap or encrypt-existing, not " + task);
        }
        PrintWriter out = spec.commandLine().getOut();
        long total = 0;
        try (IamDatabase db = parent.openStore()) {
            PersonalDataKeys keys = db.personalData();
            long n;
            do {
                n = task.equals("rewrap") ? keys.rewrap(batchSize) : keys.encryptExisting(batchSize);
                total += n;
            } while (n > 0);
        }
        out.printf("%d user(s) %s%n", total, task.equals("rewrap") ? "re-wrapped under the current master key" : "encrypted");
    }
}
