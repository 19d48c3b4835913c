package dev.iamkit.jooq;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Counts the exchanges with the server that operations make through a pool: every statement
 * execution, commit, rollback and savepoint call on the connections the store borrows (pgjdbc
 * sends BEGIN together with the first statement of a transaction, so it costs nothing extra), and
 * records how each transaction ended when a commit or a rollback was sent on its own.
 */
final class ExchangeCounter {
    private static final Set<String> EXCHANGES = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
            "executeBatch", "commit", "rollback", "setSavepoint", "releaseSavepoint");
    private final AtomicInteger count = new AtomicInteger();
    private final List<String> ends = new CopyOnWriteArrayList<>();

    /** {@code ds}, handing out connections (and their statements) that count exchanges. */
    DataSource counting(DataSource ds) {
        return (DataSource) Proxy.newProxyInstance(ExchangeCounter.class.getClassLoader(), new Class<?>[] {DataSource.class}, (p, m, args) -> {
            Object r = invoke(m, ds, args);
            return r instanceof Connection c ? proxy(Connection.class, c) : r;
        });
    }

    /** A store over {@code fixture}'s schema, opened, whose pool counts here. */
    PostgresIam store(PostgresFixture fixture) {
        fixture.open(java.time.Clock.systemUTC()).close();
        return PostgresIam.create(counting(fixture.pool()), PostgresIamConfig.defaults().withSchema(fixture.schema()));
    }

    /** The exchanges {@code op} made. */
    int measure(Runnable op) {
        count.set(0);
        ends.clear();
        op.run();
        return count.get();
    }

    /** How the transactions of the last {@link #measure} ended by a call of their own: "commit" or "rollback", in order. */
    List<String> ends() {
        return List.copyOf(ends);
    }

    private <T> T proxy(Class<T> type, Object target) {
        InvocationHandler h = (p, m, args) -> {
            // the change listener's own LISTEN and keep-alive probes are not the operation's
            if (EXCHANGES.contains(m.getName()) && !Thread.currentThread().getName().startsWith("iamkit-listener") && sends(m, target)) {
                count.incrementAndGet();
                if (target instanceof Connection && (m.getName().equals("commit") || m.getName().equals("rollback")) && m.getParameterCount() == 0) {
                    ends.add(m.getName());
                }
            }
            Object r = invoke(m, target, args);
            if (r instanceof Statement s && !(r instanceof Proxy) && !m.getName().equals("unwrap")) {
                Class<?> iface = r instanceof java.sql.CallableStatement ? java.sql.CallableStatement.class
                        : r instanceof java.sql.PreparedStatement ? java.sql.PreparedStatement.class : Statement.class;
                return proxy(iface, s);
            }
            return r;
        };
        return type.cast(Proxy.newProxyInstance(ExchangeCounter.class.getClassLoader(), new Class<?>[] {type}, h));
    }

    /**
     * Whether the call goes to the server: pgjdbc sends nothing for a commit or a rollback when no
     * transaction is open (a statement ended it: the store's {@code <append>; COMMIT}).
     */
    private static boolean sends(java.lang.reflect.Method m, Object target) throws java.sql.SQLException {
        if (target instanceof Connection c && (m.getName().equals("commit") || m.getName().equals("rollback")) && m.getParameterCount() == 0) {
            return c.unwrap(org.postgresql.core.BaseConnection.class).getTransactionState() != org.postgresql.core.TransactionState.IDLE;
        }
        return true;
    }

    private static Object invoke(java.lang.reflect.Method m, Object target, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
