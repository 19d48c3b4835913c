package dev.iamkit.jooq;

import dev.iamkit.model.OrgId;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;

/**
 * One round trip per tenant read. On a connection in autocommit, every statement the read
 * prepares is sent as {@code SET LOCAL iamkit.org_id = '<uuid>'; <statement>}: pgjdbc sends the
 * two in one exchange, the server runs them as one implicit transaction (so the policies see the
 * tenant), and the setting ends with it. The prepared statement is then advanced past the SET's
 * empty result, so jOOQ reads the query's rows as usual. Each statement of a read is its own
 * transaction, which gives the visibility a READ COMMITTED transaction would.
 *
 * <p>Not for Citus: there the setting reaches the workers only inside an explicit transaction
 * block ({@code distributed(true)} turns this path off).
 */
final class TenantReads {
    private TenantReads() {
    }

    static Connection forTenant(Connection connection, OrgId org) {
        String prefix = "SET LOCAL iamkit.org_id = '" + org.value() + "'; ";
        return (Connection) Proxy.newProxyInstance(TenantReads.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement") && args != null && args.length >= 1 && args[0] instanceof String sql) {
                        args[0] = prefix + sql;
                        return skippingTheSet((PreparedStatement) invoke(connection, method, args));
                    }
                    if (method.getName().equals("createStatement") || method.getName().equals("prepareCall")) {
                        // jOOQ prepares every statement; anything else would run without the tenant
                        throw new IllegalStateException("tenant reads run only prepared statements, not " + method.getName());
                    }
                    return invoke(connection, method, args);
                });
    }

    private static PreparedStatement skippingTheSet(PreparedStatement ps) {
        return (PreparedStatement) Proxy.newProxyInstance(TenantReads.class.getClassLoader(), new Class<?>[] {PreparedStatement.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "execute" -> {
                        if (args != null && args.length > 0) {
                            throw new IllegalStateException("tenant reads execute their prepared SQL only");
                        }
                        ps.execute();              // the SET: no result set
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
