package dev.iamkit.jooq;

import dev.iamkit.authz.AuthzCache;
import dev.iamkit.model.OrgId;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one connection LISTENing on the schema's channel and tells the cache what
 * other processes (and this one) committed: a new revision of an organization, or a change to
 * global data. The cache is trusted only while the listener is connected: when the connection
 * drops, the cache is dropped and answers nothing from memory until the listener is back (then it
 * is dropped once more, since notifications of the gap are lost), so it is never trusted stale.
 *
 * <p>Over a HikariCP pool the connection is a dedicated one opened with the pool's URL and
 * credentials, so the pool keeps all its connections for work; over any other data source it is
 * borrowed and handed back with {@code UNLISTEN *} and the application name reset.
 */
final class ChangeListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeListener.class);
    /** How the name a listening session shows in {@code pg_stat_activity} begins; the channel follows. */
    static final String APPLICATION_NAME = "iamkit-listener:";
    /** How long one wait for notifications lasts: also how long closing may take. */
    private static final int WAIT_MILLIS = 50;
    /** A silent connection is probed this often, so a dead one is noticed. */
    private static final long PROBE_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    /** Where the listening connection comes from. */
    @FunctionalInterface
    interface Connector {
        Connection connect() throws SQLException;

        static Connector of(DataSource dataSource) {
            return dataSource::getConnection;
        }
    }

    private final Connector connector;
    private final String channel;
    private final AuthzCache cache;
    private final Thread thread;
    private final CountDownLatch firstListen = new CountDownLatch(1);
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private volatile boolean closed;
    private volatile Connection current;

    ChangeListener(Connector connector, String channel, AuthzCache cache) {
        this.connector = connector;
        this.channel = channel;
        this.cache = cache;
        this.thread = new Thread(this::run, "iamkit-listener-" + channel);
        this.thread.setDaemon(true);
    }

    /** Starts listening and waits up to {@code patience} for the first LISTEN; until then the cache answers nothing. */
    void start(Duration patience) {
        thread.start();
        try {
            if (!firstListen.await(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("iamkit change listener on channel {} is not connected yet; checks bypass the cache until it is", channel);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        long backoff = 100;
        boolean dropped = false;
        while (!closed) {
            try (Connection c = connector.connect()) {
                current = c;
                if (closed) {
                    break;
                }
                try {
                    listen(c);
                    cache.setTrusted(true);   // drops whatever was held before: changes of the gap are unknown
                    firstListen.countDown();
                    if (dropped) {
                        LOG.info("iamkit change listener on channel {} is back; the cache is in use again", channel);
                    }
                    backoff = 100;
                    receive(c.unwrap(PGConnection.class), c);
                } finally {
                    forget(c);
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    break;
                }
                cache.setTrusted(false);
                dropped = true;
                LOG.warn("iamkit change listener on channel {} lost its connection ({}); the cache is dropped and bypassed until it reconnects",
                        channel, e.getMessage());
                pause(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            } finally {
                current = null;
            }
        }
        cache.setTrusted(false);
    }

    private void listen(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.setAutoCommit(true);
        }
        try (Statement st = c.createStatement()) {
            st.execute("SET application_name = '" + applicationName(channel) + "'");
            // the channel is the schema's name, a validated lower-case identifier
            st.execute("LISTEN \"" + channel + "\"");
        }
    }

    /** {@code iamkit-listener:<channel>}, cut to PostgreSQL's 63 bytes. */
    static String applicationName(String channel) {
        String name = APPLICATION_NAME + channel;
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    /** A borrowed connection goes back to its pool neither listening nor named. */
    private static void forget(Connection c) {
        try (Statement st = c.createStatement()) {
            st.execute("UNLISTEN *");
            st.execute("RESET application_name");
        } catch (SQLException | RuntimeException ignored) {
            // a broken connection is discarded by its pool
        }
    }

    private void receive(PGConnection pg, Connection c) throws SQLException {
        long lastHeard = System.nanoTime();
        while (!closed) {
            PGNotification[] batch = pg.getNotifications(WAIT_MILLIS);
            if (batch != null && batch.length > 0) {
                for (PGNotification n : batch) {
                    handle(n.getParameter());
                }
                lastHeard = System.nanoTime();
            } else if (System.nanoTime() - lastHeard > PROBE_NANOS) {
                try (Statement st = c.createStatement()) {
                    st.execute("SELECT 1");
                }
                lastHeard = System.nanoTime();
            }
        }
    }

    /**
     * {@code r <org> <revision>}: a committed revision; {@code g <global revision>}: a change to
     * global data that checks depend on, committed at that global revision (V15; V5 sent
     * {@code g <table>}, which still drops everything).
     */
    void handle(String payload) {
        if (payload.startsWith("r ")) {
            String[] parts = payload.split(" ");
            try {
                cache.orgChanged(new OrgId(UUID.fromString(parts[1])), Long.parseLong(parts[2]));
                return;
            } catch (RuntimeException e) {
                // fall through: an unreadable announcement is treated as a change to anything
            }
        } else if (payload.startsWith("g ")) {
            try {
                cache.globalChanged(Long.parseLong(payload.substring(2)));
                return;
            } catch (NumberFormatException e) {
                // fall through: a table name, or unreadable
            }
        } else {
            LOG.debug("iamkit change listener: unknown notification '{}' on channel {}", payload, channel);
        }
        cache.everythingChanged();
    }

    private void pause(long millis) {
        lock.lock();
        try {
            if (!closed) {
                woken.await(millis, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        closed = true;
        lock.lock();
        try {
            woken.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(WAIT_MILLIS * 40L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Connection c = current;
        if (thread.isAlive() && c != null) {
            try {
                c.close();   // unblocks a read that outlived the wait
            } catch (SQLException ignored) {
                // the connection is being discarded anyway
            }
        }
    }
}
