package dev.iamkit.jooq;

import dev.iamkit.authz.AuthzCache;
import dev.iamkit.authz.Impact;
import dev.iamkit.model.OrgId;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * Keeps one connection that tells the cache what other processes (and this one) committed: a new
 * revision of an organization, or a change to global data. The cache is trusted only while the
 * listener is connected: when the connection drops, the cache is dropped and answers nothing from
 * memory until the listener is back (then it is dropped once more, since changes of the gap are
 * unknown), so it is never trusted stale.
 *
 * <p>Revisions are read, not only announced (V19): the listener asks the database for the
 * organizations whose revision moved since its cursor ({@code changes_since}), the snapshot its last
 * answer was read in (the next transaction id then, and the transactions then running), so a
 * revision is heard however it was
 * committed: by this library in any process, by a host's own transaction, by a process that died
 * right after its commit. It asks every {@value #POLL_MILLIS} ms. Revisions are also announced on
 * the schema's channel by the process that committed them, after the commit
 * ({@link #announce}: best effort, sent from this listener's connection in batches), so that other
 * processes usually hear them within milliseconds, each with its reach. Global changes that checks
 * depend on are read the same way (V28: the poll's first row carries the last global revision
 * that checks depend on), and announced after the commit by the process that made them.
 *
 * <p>A connection can also go silent without failing (a stalled server process, a network
 * partition): then nothing tells the listener that it has stopped hearing. So every third of the
 * staleness bound it sends a heartbeat through the channel ({@code NOTIFY}, {@code h <listener>
 * <n>}) and then reads the revisions; when the heartbeat comes back, every revision and every
 * global change committed before it was sent has been read (by the poll that followed it), and the
 * cache answers until the bound has passed since it was
 * sent ({@link AuthzCache#heard}). A heartbeat that does not come back within twice the bound (at
 * least a second) fails the connection, which is then replaced.
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
    /** The payload of a heartbeat begins so: {@code h <listener id> <sequence>}. */
    static final String HEARTBEAT = "h ";
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    /** How often the revisions moved since the cursor are read, between heartbeats. */
    static final int POLL_MILLIS = 100;
    /** Announcements waiting for the listener's connection, at most; more are dropped (the poll still finds them). */
    private static final int OUTBOX_LIMIT = 10_000;
    /** Announcements sent in one statement, at most. */
    private static final int BATCH = 500;

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
    /** Tells this listener's heartbeats from other processes'. */
    private final String id = Long.toHexString(new java.security.SecureRandom().nextLong());
    private final long beatNanos;
    private final int probeTimeoutMillis;
    /** Heartbeats sent and not heard back yet: sequence number, when sent (nanoTime). Listener thread only. */
    private final java.util.TreeMap<Long, Long> beating = new java.util.TreeMap<>();
    private long beats;
    private final Thread thread;
    private final CountDownLatch firstListen = new CountDownLatch(1);
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private volatile boolean closed;
    private volatile Connection current;
    /** Revisions this process committed, as payloads to announce. */
    private final java.util.concurrent.ConcurrentLinkedQueue<String> outbox = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger outboxSize = new java.util.concurrent.atomic.AtomicInteger();
    /** Reads the revisions moved since the last poll (the listener thread's only). */
    private final RevisionPoll revisions;

    ChangeListener(Connector connector, String channel, AuthzCache cache, Duration maxStaleness, boolean distributed) {
        this.connector = connector;
        this.channel = channel;
        this.cache = cache;
        this.revisions = new RevisionPoll(channel, cache, distributed);
        this.beatNanos = maxStaleness.toNanos() / 3;
        this.probeTimeoutMillis = (int) Math.max(1_000, Math.min(2 * maxStaleness.toMillis(), Integer.MAX_VALUE));
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
        boolean failing = false;
        while (!closed) {
            try (Connection c = connector.connect()) {
                current = c;
                if (closed) {
                    break;
                }
                int networkTimeout = c.getNetworkTimeout();
                try {
                    listen(c);
                    cache.setTrusted(true);   // drops whatever was held before: changes of the gap are unknown
                    firstListen.countDown();
                    failing = false;
                    if (dropped) {
                        LOG.info("iamkit change listener on channel {} is back; the cache is in use again", channel);
                    }
                    backoff = 100;
                    receive(c.unwrap(PGConnection.class), c);
                } finally {
                    forget(c, networkTimeout);
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    break;
                }
                cache.setTrusted(false);
                dropped = true;
                if (failing) {   // said once per outage: the attempts that follow are for debugging
                    LOG.debug("iamkit change listener on channel {} still cannot listen ({})", channel, e.getMessage());
                } else {
                    LOG.warn("iamkit change listener on channel {} lost its connection ({}); the cache is dropped and bypassed until it reconnects",
                            channel, e.getMessage());
                }
                failing = true;
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
        // every statement of the listener, heartbeats included, fails rather than waits past this
        c.setNetworkTimeout(Runnable::run, probeTimeoutMillis);
        beating.clear();
        try (Statement st = c.createStatement()) {
            st.execute("SET application_name = '" + applicationName(channel) + "'");
            // a heartbeat is worth nothing once the session is gone: its commit need not wait for a disk or a standby
            st.execute("SET synchronous_commit = off");
            // the channel is the schema's name, a validated lower-case identifier
            st.execute("LISTEN \"" + channel + "\"");
        }
        revisions.reset();
        revisions.poll(c);   // only the cursor: what was committed before is in every compile from now on
    }

    /** {@code iamkit-listener:<channel>}, cut to PostgreSQL's 63 bytes. */
    static String applicationName(String channel) {
        String name = APPLICATION_NAME + channel;
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    /** A borrowed connection goes back to its pool neither listening nor named, with its own settings. */
    private static void forget(Connection c, int networkTimeout) {
        try (Statement st = c.createStatement()) {
            st.execute("UNLISTEN *");
            st.execute("RESET application_name");
            st.execute("RESET synchronous_commit");
            c.setNetworkTimeout(Runnable::run, networkTimeout);
        } catch (SQLException | RuntimeException ignored) {
            // a broken connection is discarded by its pool
        }
    }

    private void receive(PGConnection pg, Connection c) throws SQLException {
        long nextBeat = System.nanoTime();
        long nextPoll = nextBeat;
        while (!closed) {
            long now = System.nanoTime();
            if (now - nextBeat >= 0) {
                beat(c, now);
                nextBeat = now + beatNanos;
                nextPoll = now + TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS);
            } else if (now - nextPoll >= 0) {
                revisions.poll(c);
                nextPoll = now + TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS);
            }
            send(c);
            PGNotification[] batch = pg.getNotifications(WAIT_MILLIS);
            if (batch != null) {
                for (PGNotification n : batch) {
                    handle(n.getParameter());
                }
            }
        }
    }

    /**
     * Sends heartbeat number {@code ++beats}, then reads the revisions: when it comes back to
     * {@link #handle}, every notification committed before it was sent has come, and every
     * revision committed before it was sent has been read.
     */
    private void beat(Connection c, long sentAt) throws SQLException {
        long n = ++beats;
        try (Statement st = c.createStatement()) {
            st.execute("NOTIFY \"" + channel + "\", '" + HEARTBEAT + id + " " + n + "'");
        }
        revisions.poll(c);
        beating.put(n, sentAt);   // not before: a heartbeat vouches only once the poll after it is done
    }

    /**
     * A revision this process committed, to announce to other processes (as {@code r <org>
     * <revision> <reach>}) on the listener's connection, in its own transaction: a writer's commit
     * does not wait for it, nor for PostgreSQL's notification lock. Best effort: when the listener
     * is away or behind, the poll finds the revision all the same, without its reach.
     */
    void announce(OrgId org, long revision, Impact impact) {
        if (closed || outboxSize.get() >= OUTBOX_LIMIT) {
            return;
        }
        outboxSize.incrementAndGet();
        outbox.add("r " + org.value() + " " + revision + " " + impact.encode());
    }

    /** A global revision this process committed that checks depend on, to announce as {@code g <revision>} (best effort, like {@link #announce}). */
    void announceGlobal(long revision) {
        if (closed || outboxSize.get() >= OUTBOX_LIMIT) {
            return;
        }
        outboxSize.incrementAndGet();
        outbox.add("g " + revision);
    }

    /** Sends what is waiting in the outbox, up to {@link #BATCH} announcements in one statement. */
    private void send(Connection c) throws SQLException {
        while (!outbox.isEmpty()) {
            List<String> batch = new ArrayList<>();
            String p;
            while (batch.size() < BATCH && (p = outbox.poll()) != null) {
                batch.add(p);
            }
            outboxSize.addAndGet(-batch.size());
            try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT count(pg_notify(?, p)) FROM unnest(?::text[]) p")) {
                ps.setString(1, channel);
                ps.setArray(2, c.createArrayOf("text", batch.toArray()));
                ps.execute();
            }
        }
    }

    /**
     * {@code r <org> <revision> [<reach>]}: a committed revision announced by the process that
     * made it ({@link #announce}), with what it can alter ({@link Impact#encode}); {@code g <global revision>}: a change to
     * global data that checks depend on, committed at that global revision (V15; V5 sent
     * {@code g <table>}, which still drops everything); {@code h <listener> <n>}: a heartbeat, this
     * listener's own or another process's.
     */
    void handle(String payload) {
        if (payload.startsWith(HEARTBEAT)) {
            heartbeat(payload);
            return;
        }
        if (payload.startsWith("r ")) {
            String[] parts = payload.split(" ");
            try {
                // a payload without a reach (a library before V18) reaches everything
                cache.orgChanged(new OrgId(UUID.fromString(parts[1])), Long.parseLong(parts[2]),
                        parts.length > 3 ? Impact.decode(parts[3]) : Impact.everything());
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

    /** This listener's heartbeat: the cache may answer for the bound from when it was sent. Another's: nothing to do. */
    private void heartbeat(String payload) {
        String[] parts = payload.split(" ");
        if (parts.length != 3 || !parts[1].equals(id)) {
            return;
        }
        try {
            long n = Long.parseLong(parts[2]);
            Long sentAt = beating.get(n);
            if (sentAt != null) {
                // notifications arrive in order: an earlier heartbeat still waiting will never come
                beating.headMap(n, true).clear();
                cache.heard(sentAt);
            }
        } catch (NumberFormatException e) {
            LOG.debug("iamkit change listener: unreadable heartbeat '{}' on channel {}", payload, channel);
        }
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
