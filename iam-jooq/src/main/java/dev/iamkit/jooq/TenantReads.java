package dev.iamkit.jooq;

import dev.iamkit.model.OrgId;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.postgresql.PGStatement;

/**
 * One round trip per tenant read. On a connection in autocommit, every statement the read
 * prepares is sent as {@code SELECT set_config('iamkit.org_id', '<uuid>', true); <statement>}: pgjdbc sends the
 * two in one exchange, the server runs them as one implicit transaction (so the policies see the
 * tenant), and the setting ends with it. The prepared statement is then advanced past the setting's
 * one-row result, so jOOQ reads the query's rows as usual. Each statement of a read is its own
 * transaction, which gives the visibility a READ COMMITTED transaction would.
 *
 * <p>Not for Citus: there the setting reaches the workers only inside an explicit transaction
 * block ({@code distributed(true)} turns this path off).
 */
final class TenantReads {
    private TenantReads() {
    }

    static Connection forTenant(Connection connection, OrgId org) {
        // set_config(.., true) is SET LOCAL without its warning outside an explicit transaction
        // block: the implicit transaction of the exchange is where it holds, and ends.
        String prefix = "SELECT set_config('iamkit.org_id', '" + org.value() + "', true); ";
        return (Connection) Proxy.newProxyInstance(TenantReads.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement") && args != null && args.length >= 1 && args[0] instanceof String sql) {
                        args[0] = prefix + sql;
                        PreparedStatement ps = (PreparedStatement) invoke(connection, method, args);
                        // A named server-side statement would be executed apart from the setting, in a
                        // transaction of its own, and lose the tenant: keep these unnamed, so both
                        // always travel in one exchange (TenantReadPathTest repeats reads past the
                        // driver's threshold of five to pin this).
                        ps.unwrap(PGStatement.class).setPrepareThreshold(0);
                        return skippingTheSetting(ps);
                    }
                    if (method.getName().equals("createStatement") || method.getName().equals("prepareCall")) {
                        // jOOQ prepares every statement; anything else would run without the tenant
                        throw new IllegalStateException("tenant reads run only prepared statements, not " + method.getName());
                    }
                    return invoke(connection, method, args);
                });
    }

    private static PreparedStatement skippingTheSetting(PreparedStatement ps) {
        return (PreparedStatement) Proxy.newProxyInstance(TenantReads.class.getClassLoader(), new Class<?>[] {PreparedStatement.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "execute" -> {
                        if (args != null && args.length > 0) {
                            throw new IllegalStateException("tenant reads execute their prepared SQL only");
                        }
                        ps.execute();              // the setting's own one-row result
                        yield ps.getMoreResults(); // the statement itself
                    }
                    case "executeQuery" -> {
                        if (args != null && args.length > 0) {
                            throw new IllegalStateException("tenant reads execute their prepared SQL only");
                        }
                        ps.execute();
                        ps.getMoreResults();
                        yield ps.getResultSet();
                    }
                    default -> invoke(ps, method, args);
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
