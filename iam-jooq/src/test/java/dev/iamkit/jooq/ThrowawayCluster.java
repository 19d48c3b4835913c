package dev.iamkit.jooq;

import static org.awaitility.Awaitility.await;

import dev.iamkit.migrations.IamMigrations;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * A PostgreSQL cluster of the test run's own, for tests that kill backends, restart or stop the
 * server, or make commits wait: never the shared server. Made with Debian's
 * {@code pg_createcluster} (trust authentication, a free port on 127.0.0.1) on first use, and
 * dropped with {@code pg_dropcluster} when the test plan ends (or the JVM does); clusters that an
 * earlier run left behind, whose process is gone, are dropped on the way. Needs the PostgreSQL
 * server packages and root (or the postgres user), as {@code ./run-tests} has on a machine it set up.
 *
 * <p>In the cluster: schema {@value #SCHEMA} migrated by the superuser; the application role; login
 * {@value #APP_LOGIN}, only a member of it; and login {@value #WAITING_LOGIN}, the same but whose
 * commits wait for a synchronous standby that never comes ({@code synchronous_standby_names =
 * 'nobody'}, {@code synchronous_commit = on} for it alone, {@code local} for everyone else), so a
 * test can catch a commit on the wire and cut its connection.
 */
final class ThrowawayCluster {
    static final String SCHEMA = "iamkit";
    static final String APP_LOGIN = "iamkit_fault_app";
    static final String WAITING_LOGIN = "iamkit_fault_waiting";
    private static final String PREFIX = "iamkit_faults_";
    private static final Duration COMMAND_PATIENCE = Duration.ofMinutes(2);
    private static ThrowawayCluster instance;
    private static RuntimeException failure;
    private static boolean hooked;

    private final String version;
    private final String name;
    private final int port;

    private ThrowawayCluster(String version, String name, int port) {
        this.version = version;
        this.name = name;
        this.port = port;
    }

    /** The cluster of this JVM, made and prepared on first use; if that failed, the same failure every time. */
    static synchronized ThrowawayCluster get() {
        if (failure != null) {
            throw new IllegalStateException("the throwaway PostgreSQL cluster could not be made: " + failure.getMessage(), failure);
        }
        if (instance == null) {
            String version = newestVersion();
            dropLeftovers(version);
            if (!hooked) {
                hooked = true;
                Runtime.getRuntime().addShutdownHook(new Thread(ThrowawayCluster::dropInstance));
            }
            // known before it exists, so that a creation that fails half way is dropped too
            instance = new ThrowawayCluster(version, PREFIX + ProcessHandle.current().pid(), freePort());
            try {
                instance.create();
            } catch (RuntimeException e) {
                failure = e;
                dropInstance();
                throw e;
            }
        }
        return instance;
    }

    /** Drops this JVM's cluster, if it made one. */
    static synchronized void dropInstance() {
        if (instance != null) {
            instance.drop();
            instance = null;
        }
    }

    /** Drops the cluster, if this JVM made one, when the test plan has run. Registered through {@code META-INF/services}. */
    public static final class Janitor implements TestExecutionListener {
        @Override
        public void testPlanExecutionFinished(TestPlan testPlan) {
            dropInstance();
        }
    }

    int port() {
        return port;
    }

    String name() {
        return name;
    }

    /** A JDBC URL of the cluster's {@code postgres} database, naming the connections {@code applicationName}. */
    String url(String applicationName) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?ApplicationName=" + applicationName;
    }

    /** A connection of the superuser, in autocommit. */
    Connection admin() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(url("iamkit-faults-admin"), p);
    }

    DataSource adminDataSource() {
        return TestDataSources.of(url("iamkit-faults-admin"), "postgres", "");
    }

    /** Runs statements as the superuser. */
    void execute(String... sql) {
        try (Connection c = admin(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("on the throwaway cluster: " + e.getMessage(), e);
        }
    }

    /** The first column of the first row of {@code sql}, run as the superuser. */
    long count(String sql) {
        try (Connection c = admin(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("on the throwaway cluster: " + e.getMessage(), e);
        }
    }

    /**
     * Terminates the backends of connections named {@code applicationName} (those that match
     * {@code condition}, a predicate over {@code pg_stat_activity}), waiting until each has
     * exited; returns how many.
     */
    int terminate(String applicationName, String condition) {
        return (int) count(terminating(applicationName, condition, true));
    }

    /**
     * The query that terminates the backends of connections named {@code applicationName} that
     * match {@code condition}, and counts them; with {@code wait}, it waits for each to exit (up
     * to 10 s), as a test that looks at what a killed backend left wants, but not one that times
     * how fast callers get over the kill.
     */
    static String terminating(String applicationName, String condition, boolean wait) {
        return "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid" + (wait ? ", 10000" : "") + ")) FROM pg_stat_activity"
                + " WHERE application_name = '" + applicationName + "' AND pid <> pg_backend_pid() AND (" + condition + ")";
    }

    /** Cancels the statements of connections named {@code applicationName} that match {@code condition}; returns how many. */
    int cancel(String applicationName, String condition) {
        return (int) count("SELECT count(*) FILTER (WHERE pg_cancel_backend(pid)) FROM pg_stat_activity WHERE application_name = '"
                + applicationName + "' AND pid <> pg_backend_pid() AND (" + condition + ")");
    }

    /** {@code pg_ctlcluster restart -m fast}: the server ends every session and comes back at once. */
    void restartFast() {
        ctl("restart", "-m", "fast");
    }

    /** {@code pg_ctlcluster stop -m fast}. */
    void stop() {
        ctl("stop", "-m", "fast");
    }

    void start() {
        ctl("start");
    }

    private void ctl(String... action) {
        List<String> cmd = new ArrayList<>(List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, name));
        cmd.addAll(List.of(action));
        run(cmd.toArray(String[]::new));
    }

    private void create() {
        run("pg_createcluster", version, name, "-p", Integer.toString(port), "--", "--auth=trust");
        start();
        execute("CREATE ROLE " + TestDataSources.APP_ROLE + " NOLOGIN NOBYPASSRLS",
                "CREATE ROLE " + APP_LOGIN + " LOGIN NOSUPERUSER NOBYPASSRLS IN ROLE " + TestDataSources.APP_ROLE,
                "CREATE ROLE " + WAITING_LOGIN + " LOGIN NOSUPERUSER NOBYPASSRLS IN ROLE " + TestDataSources.APP_ROLE,
                "ALTER ROLE " + WAITING_LOGIN + " SET synchronous_commit = on",
                // what the readiness probe writes: a commit waits only if it wrote something
                "CREATE TABLE public.probe (at timestamptz)", "GRANT INSERT ON public.probe TO " + WAITING_LOGIN);
        IamMigrations.of(adminDataSource(), SCHEMA, TestDataSources.APP_ROLE).migrate();
        // from here on a commit of the waiting login waits for a standby that never comes; the
        // others' commits, with synchronous_commit = local, never wait
        execute("ALTER SYSTEM SET synchronous_commit = 'local'", "ALTER SYSTEM SET synchronous_standby_names = 'nobody'", "SELECT pg_reload_conf()");
        // the checkpointer makes the standby list count when it has read the new settings: wait for that
        await().atMost(Duration.ofMinutes(1)).until(this::aCommitOfTheWaitingLoginWaits);
    }

    /** Whether a commit of {@value #WAITING_LOGIN} waits for the standby; one that does is cancelled (and so completes). */
    private boolean aCommitOfTheWaitingLoginWaits() throws SQLException {
        String probe = "iamkit-faults-probe";
        try (Connection w = DriverManager.getConnection(url(probe), WAITING_LOGIN, "")) {
            CompletableFuture<Boolean> commit = CompletableFuture.supplyAsync(() -> {
                // a row of a plain table: a temporary one would be dropped at the session's end by
                // a commit of its own, which would wait for ever
                try (Statement st = w.createStatement()) {
                    return st.execute("INSERT INTO public.probe VALUES (now())");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            while (!commit.isDone()) {
                if (cancel(probe, "wait_event = 'SyncRep'") > 0) {
                    commit.join();
                    return true;
                }
            }
            commit.join();
            return false;
        }
    }

    /**
     * Stops the server immediately (a fast stop waits for every session, and a session of the
     * waiting login whose last commit waits for the standby never ends), then drops the cluster.
     */
    private void drop() {
        try {
            ctl("stop", "-m", "immediate");
        } catch (RuntimeException e) {
            // stopped already
        }
        try {
            run("pg_dropcluster", version, name);
        } catch (RuntimeException e) {
            // gone already, or the machine is going down: nothing else to do
        }
    }

    /** The newest PostgreSQL server installed, as Debian's tools name it (e.g. {@code 15}). */
    private static String newestVersion() {
        try (Stream<Path> dirs = Files.list(Path.of("/usr/lib/postgresql"))) {
            return dirs.filter(d -> Files.isExecutable(d.resolve("bin/postgres"))).map(d -> d.getFileName().toString())
                    .max(Comparator.comparingInt(ThrowawayCluster::major))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL server under /usr/lib/postgresql: install the postgresql package"));
        } catch (IOException e) {
            throw new IllegalStateException("the fault tests need Debian's PostgreSQL server packages (/usr/lib/postgresql, pg_createcluster)", e);
        }
    }

    private static int major(String version) {
        try {
            return Integer.parseInt(version.replaceAll("\\..*", ""));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Drops clusters of this kind whose test process has gone. */
    private static void dropLeftovers(String version) {
        for (String line : run("pg_lsclusters", "--no-header").split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 1 && f[0].equals(version) && f[1].matches(PREFIX + "\\d{1,18}")) {
                long pid = Long.parseLong(f[1].substring(PREFIX.length()));
                if (ProcessHandle.of(pid).isEmpty()) {
                    new ThrowawayCluster(version, f[1], 0).drop();
                }
            }
        }
    }

    /** A port on 127.0.0.1 that nothing listens on and no cluster of this machine is configured for. */
    private static int freePort() {
        String clusters = run("pg_lsclusters", "--no-header");
        for (int i = 0; i < 100; i++) {
            int candidate = ThreadLocalRandom.current().nextInt(40_000, 60_000);
            if (clusters.matches("(?s).*\\s" + candidate + "\\s.*")) {
                continue;
            }
            try (ServerSocket s = new ServerSocket(candidate, 1, InetAddress.getLoopbackAddress())) {
                return candidate;
            } catch (IOException busy) {
                // taken: try another
            }
        }
        throw new IllegalStateException("found no free port for a throwaway PostgreSQL cluster");
    }

    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(COMMAND_PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + COMMAND_PATIENCE);
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + p.exitValue() + "; the fault tests need the"
                        + " PostgreSQL server packages and to run as root or postgres):\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command[0] + " (the fault tests need Debian's PostgreSQL server packages): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command[0], e);
        }
    }
}
