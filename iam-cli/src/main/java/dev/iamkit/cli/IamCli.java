package dev.iamkit.cli;

import dev.iamkit.IamDatabase;
import dev.iamkit.IamDatabases;
import dev.iamkit.error.IamException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code iam} command: operator tasks against the store the environment selects. */
@Command(name = "iam",
        mixinStandardHelpOptions = true,
        versionProvider = IamCli.Version.class,
        description = "iamkit: multi-tenant identity and access store.%n"
                + "Uses PostgreSQL when DATABASE_URL is set (unless USE_DATABASE=false), the in-memory store otherwise.",
        subcommands = {DemoCommand.class, MigrateCommand.class, DistributeCommand.class, InfoCommand.class, ValidateCommand.class, RollbackCommand.class, BenchCommand.class, HealthCommand.class, AuditCommand.class, CleanupCommand.class, ExportUserCommand.class, AnonymizeUserCommand.class, ExportCommand.class, ImportCommand.class, PasswordCommand.class, PersonalDataCommand.class, CatalogCommands.Plan.class, CatalogCommands.Apply.class, CommandLine.HelpCommand.class})
public final class IamCli implements Runnable {
    private final Map<String, String> environment;
    private final Confirmation confirmation;
    private final InputStream stdin;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public IamCli(Map<String, String> environment) {
        this(environment, Confirmation.console());
    }

    IamCli(Map<String, String> environment, Confirmation confirmation) {
        this(environment, confirmation, System.in);
    }

    IamCli(Map<String, String> environment, Confirmation confirmation, InputStream stdin) {
        this.environment = Map.copyOf(environment);
        this.confirmation = confirmation;
        this.stdin = stdin;
    }

    /** Where a command reads what must not appear in its arguments (a password). */
    InputStream stdin() {
        return stdin;
    }

    /** How a destructive command asks the operator to confirm. */
    Confirmation confirmation() {
        return confirmation;
    }

    Map<String, String> environment() {
        return environment;
    }

    /** Opens the store the environment selects. */
    IamDatabase openStore() {
        return IamDatabases.fromSettings(environment);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
    }

    /** Runs the CLI and returns its exit code: 0 success, 1 failure, 2 usage error. */
    public static int run(Map<String, String> environment, PrintWriter out, PrintWriter err, String... args) {
        return run(environment, Confirmation.console(), out, err, args);
    }

    static int run(Map<String, String> environment, Confirmation confirmation, PrintWriter out, PrintWriter err, String... args) {
        return run(new IamCli(environment, confirmation), out, err, args);
    }

    /** Like {@link #run(Map, PrintWriter, PrintWriter, String...)}, with {@code stdin} as the standard input. */
    static int run(Map<String, String> environment, InputStream stdin, PrintWriter out, PrintWriter err, String... args) {
        return run(new IamCli(environment, Confirmation.console(), stdin), out, err, args);
    }

    private static int run(IamCli iam, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(iam);
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, ignoredArgs) -> {
            PrintWriter w = e.getCommandLine().getErr();
            w.println(e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, w);
            e.getCommandLine().usage(w);
            w.flush();
            return 2;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof IamException || e instanceof CliFailure) {
                commandLine.getErr().println("iam: " + e.getMessage());
                commandLine.getErr().flush();
                return 1;
            }
            throw e;
        });
        return cli.execute(args);
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(System.getenv(), out, err, args));
    }

    /** The version the build wrote into {@code version.properties} beside this class. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws java.io.IOException {
            java.util.Properties p = new java.util.Properties();
            try (var in = IamCli.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"iamkit " + p.getProperty("version", "(development build)"),
                "schema version " + dev.iamkit.migrations.IamSchema.latestVersion()};
        }
    }
}
