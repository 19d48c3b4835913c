package dev.iamkit.jooq;

import dev.iamkit.error.StorageException;
import dev.iamkit.model.OrgId;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A connection in a transaction whose bookkeeping (the tenant setting, the savepoint of a call and
 * its release) travels in the exchange of the next statement the work runs, instead of costing a
 * round trip each: {@code SELECT set_config(...); SAVEPOINT iamkit_call_3; <statement>}. pgjdbc
 * sends the parts in one exchange and the server runs them in order, stopping at the first error;
 * the statement's caller sees only its own result. Whatever is still pending at commit or rollback
 * is dropped: the transaction's end releases every savepoint and every local setting.
 *
 * <p>A prepared statement carries the tenant as a bind value ({@code SELECT set_config('iamkit.org_id',
 * ?, true); ...}), the work's own parameters shifted past it, so its text is the same for every
 * organization: the driver keeps it prepared on the server and the server keeps its plan. With the
 * organization written into the text, every write of a host with many organizations was parsed
 * and planned anew (about 200 µs of the server's time per write in the bench world). A plain
 * statement, which takes no bind values, carries the tenant as text.
 *
 * <p>A savepoint that is still pending when its call fails was never sent, so nothing ran after
 * it and there is nothing to undo; one that was sent is rolled back to in a round trip of its own,
 * as before. A statement the work prepares but never executes gives its bookkeeping back.
 *
 * <p>In a transaction the store commits itself, the statement that ends a write (the audit append,
 * {@link Holding}) is held back: it goes with the commit, {@code <append>; COMMIT} in one exchange,
 * or, when the work runs anything else first, in an exchange of its own before that, as it went
 * before. A write alone in its transaction saves a round trip. A connection lost while the pair is
 * on the wire leaves the outcome unknown, as one lost during a commit always did; a pair the server
 * refused committed nothing.
 */
final class TransactionExchange {
    private final Connection connection;
    private final Connection proxy;
    /** What is to be sent with the next statement, in order. */
    private final List<Pending> pending = new ArrayList<>();
    private int savepoints;
    /** Whether the commit goes through this object, so a statement may be held back to go with it. */
    private final boolean holds;
    /** The statement held back to go with the commit, or null. */
    private Rendered.Bound held;
    /** Why a held statement failed when it was sent before another: the transaction must not commit. */
    private Exception heldFailed;

    /**
     * The connection of a transaction the store commits itself ({@link TransactionExchange}): it
     * may take the statement that ends a write to send it with the commit.
     */
    interface Holding {
        /**
         * Holds {@code last} back, to go with the commit or before the next statement; false when it
         * cannot (something is pending to go with it, or the commit is the host's), and the caller
         * runs it now.
         */
        boolean hold(Rendered.Bound last) throws SQLException;
    }

    /**
     * One piece of bookkeeping: a statement without parameters, or (with {@code tenant} set) the
     * tenant setting, bound when the next statement is prepared and written as text otherwise.
     */
    record Pending(String sql, String tenant) {
        private static final String BOUND_TENANT = "SELECT set_config('iamkit.org_id', ?, true)";

        static Pending statement(String sql) {
            return new Pending(sql, null);
        }

        /** A uuid's canonical text cannot carry a quote. */
        static Pending tenant(OrgId org) {
            String value = org.value().toString();
            return new Pending("SELECT set_config('iamkit.org_id', '" + value + "', true)", value);
        }

        String prepared() {
            return tenant == null ? sql : BOUND_TENANT;
        }
    }

    /** For a transaction whose commit is not this object's to send (the host's): nothing is held back. */
    TransactionExchange(Connection connection) {
        this(connection, false);
    }

    /** With {@code holds}, the transaction is committed through {@link #connection()}, which may then {@link Holding hold} a statement back. */
    TransactionExchange(Connection connection, boolean holds) {
        this.connection = connection;
        this.holds = holds;
        this.proxy = (Connection) Proxy.newProxyInstance(TransactionExchange.class.getClassLoader(),
                holds ? new Class<?>[] {Connection.class, Holding.class} : new Class<?>[] {Connection.class},
                (p, method, args) -> onConnection(method, args));
    }

    /** The connection the work runs on. */
    Connection connection() {
        return proxy;
    }

    /** Binds the transaction to {@code org}, with its next statement. */
    void setTenant(OrgId org) {
        pending.add(Pending.tenant(org));
    }

    /** A new savepoint, set with the next statement; returns its name. */
    String savepoint() {
        String name = "iamkit_call_" + (++savepoints);
        pending.add(Pending.statement("SAVEPOINT " + name));
        return name;
    }

    /** Releases {@code name} with the next statement, or forgets it when it was never sent. */
    void release(String name) {
        if (!pending.remove(Pending.statement("SAVEPOINT " + name))) {
            pending.add(Pending.statement("RELEASE SAVEPOINT " + name));
        }
    }

    /**
     * Undoes what ran since savepoint {@code name}: nothing when it is still pending (it and what
     * was queued after it are dropped); otherwise a {@code ROLLBACK TO SAVEPOINT}, which also ends
     * every savepoint set after it, so what was pending then is dropped too.
     */
    void rollbackTo(String name) throws SQLException {
        int at = pending.indexOf(Pending.statement("SAVEPOINT " + name));
        if (at >= 0) {
            // nothing was sent since the savepoint was asked for, so a held statement is an earlier call's
            pending.subList(at, pending.size()).clear();
            return;
        }
        pending.clear();
        held = null;   // the savepoint went out before it was held (anything sent since would have taken it): it is this call's
        try (Statement st = connection.createStatement()) {
            st.execute("ROLLBACK TO SAVEPOINT " + name);
        }
        pending.add(Pending.statement("RELEASE SAVEPOINT " + name));
    }

    /** Forgets what is pending: the transaction, or the host's savepoint around the work, ends without it. */
    void discard() {
        pending.clear();
        held = null;
    }

    private boolean hold(Rendered.Bound last) throws SQLException {
        if (!holds || !pending.isEmpty()) {
            return false;
        }
        sendHeld();
        held = last;
        return true;
    }

    /**
     * Sends the held statement, in an exchange of its own, before anything else goes out. If it
     * fails, the call that sent something next sees that failure, and the transaction cannot
     * commit: the server has aborted it, and the call's savepoint, if any, was never set.
     */
    private void sendHeld() throws SQLException {
        Rendered.Bound h = held;
        if (h != null) {
            held = null;
            try {
                h.execute(connection);
            } catch (SQLException | RuntimeException e) {
                heldFailed = e;
                throw e;
            }
        }
    }

    /** Commits, with the held statement in the same exchange when there is one. */
    private void commit() throws SQLException {
        pending.clear();   // the commit releases every savepoint and every local setting
        if (heldFailed != null) {
            RuntimeException mapped = SqlErrors.map(heldFailed, SqlErrors.Phase.BEFORE_COMMIT);
            throw new StorageException(mapped instanceof StorageException s ? s.kind() : StorageException.Kind.REJECTED,
                    heldFailed instanceof SQLException e ? e.getSQLState() : null,
                    "a write's audit event could not be stored, so nothing of the transaction was: " + mapped.getMessage(), heldFailed);
        }
        Rendered.Bound h = held;
        held = null;
        if (h != null) {
            h.executeThen(connection, "COMMIT");
        }
        connection.commit();   // after the pair the driver knows the transaction ended and sends nothing
    }

    /** Sends what is pending now, in a round trip of its own (before a call that cannot carry it). */
    private void flush() throws SQLException {
        sendHeld();
        if (!pending.isEmpty()) {
            String sql = text(take());
            try (Statement st = connection.createStatement()) {
                st.execute(sql);
            }
        }
    }

    /** What is pending, taken to go with a statement now. */
    List<Pending> take() {
        List<Pending> sent = List.copyOf(pending);
        pending.clear();
        return sent;
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    /** Bookkeeping taken for a statement that never ran: it goes with the next one. */
    void giveBack(List<Pending> sent) {
        pending.addAll(0, sent);
    }

    /** The pieces as one text, each with its values written in. */
    static String text(List<Pending> pieces) {
        return String.join("; ", pieces.stream().map(Pending::sql).toList());
    }

    private Object onConnection(Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (method.getDeclaringClass() == Holding.class) {
            return hold((Rendered.Bound) args[0]);
        }
        switch (name) {
            case "prepareStatement" -> {
                sendHeld();
                if (!pending.isEmpty() && args != null && args[0] instanceof String sql) {
                    List<Pending> sent = take();
                    Object[] prefixed = args.clone();
                    prefixed[0] = String.join("; ", sent.stream().map(Pending::prepared).toList()) + "; " + sql;
                    // The driver may keep it prepared on the server like any statement: in a
                    // transaction block the prefix holds even if it were sent in an exchange of
                    // its own, and a kept plan saves the statement's planning every time.
                    PreparedStatement ps = (PreparedStatement) invoke(connection, method, prefixed);
                    List<String> bound = sent.stream().map(Pending::tenant).filter(java.util.Objects::nonNull).toList();
                    CarriedStatement.bind(ps, bound);
                    return CarriedStatement.wrap(PreparedStatement.class, this, ps, sent, bound);
                }
            }
            case "createStatement" -> {
                sendHeld();
                Statement st = (Statement) invoke(connection, method, args);
                return CarriedStatement.wrap(Statement.class, this, st, List.of(), List.of());
            }
            case "commit" -> {
                commit();
                return null;
            }
            case "rollback", "close" -> {
                if (args == null || args.length == 0) {
                    pending.clear();
                    held = null;
                } else {
                    flush();   // rollback(Savepoint): a savepoint the work set through JDBC itself
                }
            }
            case "getAutoCommit", "isClosed", "isValid", "getMetaData", "getTransactionIsolation", "getWarnings", "clearWarnings",
                    "isReadOnly", "getSchema", "getCatalog", "getHoldability", "getTypeMap", "getClientInfo", "getNetworkTimeout",
                    "toString", "hashCode", "equals" -> {
                // nothing to send
            }
            default -> flush();   // setSavepoint, prepareCall, unwrap...: cannot carry the prefix
        }
        return invoke(connection, method, args);
    }

    static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
