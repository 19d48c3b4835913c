package dev.iamkit.cli;

import dev.iamkit.IamDatabase;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.model.User;
import dev.iamkit.model.UserId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code iam password set|import|remove}: a user's password, for an operator. The password (or
 * the hash to import) is the first line of the standard input, never an argument: arguments show
 * in the process list and the shell's history.
 */
@Command(name = "password", mixinStandardHelpOptions = true,
        description = "Set, import or remove a user's password. The password or hash is read from the first line of standard input, never from the arguments.",
        subcommands = {PasswordCommand.Set.class, PasswordCommand.Import.class, PasswordCommand.Remove.class})
final class PasswordCommand implements Runnable {
    /** More than any valid password or hash: a longer first line is refused, not cut. */
    private static final int LINE_MAX = 8192;

    @ParentCommand
    IamCli parent;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: set, import or remove");
    }

    /** Which user: by email or by id. */
    static final class Who {
        @Option(names = "--email", required = true, description = "the user's email") String email;
        @Option(names = "--user", required = true, description = "the user's id") String id;

        UserId resolve(IamDatabase db) {
            if (id != null) {
                return UserId.parse(id);
            }
            return db.users().findByEmail(email).map(User::id).orElseThrow(() -> new NotFoundException("user with email", email));
        }
    }

    /** What the subcommands share: the user and the line read from standard input. */
    abstract static class Change implements Runnable {
        @ParentCommand
        PasswordCommand password;

        @Spec
        CommandSpec spec;

        @ArgGroup(multiplicity = "1")
        Who who;

        abstract String act(IamDatabase db, UserId user);

        @Override
        public void run() {
            String said;
            try (IamDatabase db = password.parent.openStore()) {
                UserId user = who.resolve(db);
                said = act(db, user);
            }
            spec.commandLine().getOut().println(said);
        }

        String firstLine() {
            return readLine(password.parent.stdin());
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Set a user's password (first line of standard input); lifts a lockout.")
    static final class Set extends Change {
        @Override
        String act(IamDatabase db, UserId user) {
            db.credentials().set(user, firstLine());
            return "password of user " + user + " set";
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Store a bcrypt ($2a$, $2b$, $2y$) or Argon2id hash made elsewhere (first line of standard input); it becomes Argon2id at the user's next sign-in.")
    static final class Import extends Change {
        @Override
        String act(IamDatabase db, UserId user) {
            db.credentials().importHash(user, firstLine());
            return "password hash of user " + user + " imported";
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a user's password.")
    static final class Remove extends Change {
        @Override
        String act(IamDatabase db, UserId user) {
            return db.credentials().remove(user) ? "password of user " + user + " removed" : "user " + user + " had no password";
        }
    }

    /** The first line of {@code in}, without its line end; the rest is not read. */
    static String readLine(InputStream in) {
        try {
            byte[] buffer = new byte[LINE_MAX + 2];
            int n = 0;
            int b;
            while (n < buffer.length && (b = in.read()) >= 0 && b != '\n') {
                buffer[n++] = (byte) b;
            }
            if (n == buffer.length) {
                throw new CliFailure("the first line of standard input is longer than " + LINE_MAX + " bytes");
            }
            if (n > 0 && buffer[n - 1] == '\r') {
                n--;
            }
            return new String(buffer, 0, n, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
