package dev.iamkit.jooq;

import dev.iamkit.error.StorageException;
import dev.iamkit.model.OrgId;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.postgresql.PGStatement;

/**
 * One round trip per statement under a setting. On a connection in autocommit, every statement
 * the work prepares is sent as {@code SELECT set_config('<setting>', '<value>', true); <statement>}:
 * pgjdbc sends the two in one exchange, the server runs them as one implicit transaction (so the
 * row level security policies see the setting), and the setting ends with it. The prepared
 * statement is then advanced past the setting's one-row result, so jOOQ reads the statement's
 * rows, or its update count, as usual. Each statement is its own transaction, which gives the
 * visibility a READ COMMITTED transaction would; a work that must be atomic takes a transaction.
 *
 * <p>Not for Citus: there the setting reaches the workers only inside an explicit transaction
 * block ({@code distributed(true)} turns this path off).
 */
final class OneExchange {
    private OneExchange() {
    }

    /** Statements bound to {@code org}'s tenant. */
    static Connection forTenant(Connection connection, OrgId org) {
        return withSetting(connection, "iamkit.org_id", org.value().toString());
    }

    /** Statements in {@code scope}. */
    static Connection forScope(Connection connection, Scope scope) {
        return withSetting(connection, Scope.SETTING, scope.value);
    }

    /**
     * A connection in a transaction (autocommit off) whose first statement also puts the
     * transaction in {@code scope}: the setting travels in the exchange that begins the
     * transaction and holds until it ends, so it costs no round trip of its own. A statement that
     * is not prepared, or a first call that is not a statement, gets the setting sent before it.
     */
    static Connection scopedTransaction(Connection connection, Scope scope) {
        String prefix = "SELECT set_config('" + Scope.SETTING + "', '" + scope.value + "', true); ";
        boolean[] set = {false};
        return (Connection) Proxy.newProxyInstance(OneExchange.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (!set[0]) {
                        String name = method.getName();
                        if (name.equals("prepareStatement") && args != null && args.length >= 1 && args[0] instanceof String sql) {
                            set[0] = true;
                            args[0] = prefix + sql;
                            PreparedStatement ps = (PreparedStatement) invoke(connection, method, args);
                            ps.unwrap(PGStatement.class).setPrepareThreshold(0);
                            return skippingTheSetting(ps);
                        }
                        if (name.equals("createStatement") || name.equals("prepareCall") || name.equals("setSavepoint")
                                || name.equals("unwrap")) {
                            set[0] = true;
                            Sql.setScope(connection, scope);
                        }
                    }
                    return invoke(connection, method, args);
                });
    }

    /** {@code value} is a uuid's canonical text or a {@link Scope} constant: it cannot carry a quote. */
    private static Connection withSetting(Connection connection, String setting, String value) {
        // set_config(.., true) is SET LOCAL without its warning outside an explicit transaction
        // block: the implicit transaction of the exchange is where it holds, and ends.
        String prefix = "SELECT set_config('" + setting + "', '" + value + "', true); ";
        return (Connection) Proxy.newProxyInstance(OneExchange.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement") && args != null && args.length >= 1 && args[0] instanceof String sql) {
                        args[0] = prefix + sql;
                        PreparedStatement ps = (PreparedStatement) invoke(connection, method, args);
                        // A named server-side statement would be executed apart from the setting, in a
                        // transaction of its own, and lose it: keep these unnamed, so both always
                        // travel in one exchange (TenantReadPathTest repeats reads past the driver's
                        // threshold of five to pin this).
                        ps.unwrap(PGStatement.class).setPrepareThreshold(0);
                        return skippingTheSetting(ps);
                    }
                    if (method.getName().equals("createStatement") || method.getName().equals("prepareCall")) {
                        // jOOQ prepares every statement; anything else would run without the setting
                        throw new StorageException(StorageException.Kind.REJECTED, "statements under a setting are prepared statements only, not " + method.getName());
                    }
                    return invoke(connection, method, args);
                });
    }

    private static PreparedStatement skippingTheSetting(PreparedStatement ps) {
        return (PreparedStatement) Proxy.newProxyInstance(OneExchange.class.getClassLoader(), new Class<?>[] {PreparedStatement.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    boolean runs = name.equals("execute") || name.equals("executeQuery") || name.equals("executeUpdate")
                            || name.equals("executeLargeUpdate");
                    if (runs && args != null && args.length > 0) {
                        throw new StorageException(StorageException.Kind.REJECTED, "statements under a setting execute their prepared SQL only");
                    }
                    if (name.equals("addBatch") || name.equals("executeBatch") || name.equals("executeLargeBatch")) {
                        throw new StorageException(StorageException.Kind.REJECTED, "statements under a setting are not batched");
                    }
                    return switch (name) {
                        case "execute" -> {
                            ps.execute();              // the setting's own one-row result
                            yield ps.getMoreResults(); // the statement itself
                        }
                        case "executeQuery" -> {
                            ps.execute();
                            ps.getMoreResults();
                            yield ps.getResultSet();
                        }
                        case "executeUpdate" -> {
                            ps.execute();
                            ps.getMoreResults();
                            yield ps.getUpdateCount();
                        }
                        case "executeLargeUpdate" -> {
                            ps.execute();
                            ps.getMoreResults();
                            yield ps.getLargeUpdateCount();
                        }
                        default -> invoke(ps, method, args);
                    };
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
