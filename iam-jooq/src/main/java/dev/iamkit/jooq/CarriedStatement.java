package dev.iamkit.jooq;

import dev.iamkit.jooq.TransactionExchange.Pending;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

/**
 * A statement of a {@link TransactionExchange}'s connection, which carries the transaction's
 * pending bookkeeping: a prepared statement the pieces taken when it was prepared (prepended to its
 * text, the tenant bound ahead of the work's own parameters, whose indexes it shifts), a plain
 * statement whatever is pending when it runs. Executing skips the pieces' results; a batch carries
 * them as its first entries, left out of the counts; a statement closed without running gives its
 * pieces back to go with the next one.
 */
final class CarriedStatement {
    private CarriedStatement() {
    }

    /**
     * The statement, run after {@code sent} (the bookkeeping prepended to its SQL, {@code bound}
     * its bind values, ahead of the work's own, whose indexes are shifted past them) or, for a
     * plain statement, after whatever is pending when it runs: executing skips their results; a
     * batch carries them as its first entries, whose counts are left out of the result.
     */
    static <S extends Statement> S wrap(Class<S> type, TransactionExchange exchange, S st, List<Pending> sent, List<String> bound) {
        int shift = bound.size();
        boolean[] executed = {false};
        int[] skip = {sent.size()};
        return type.cast(Proxy.newProxyInstance(CarriedStatement.class.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            String name = method.getName();
            boolean plainSql = args != null && args.length > 0 && args[0] instanceof String;
            Object[] shifted = shifted(method, args, shift);
            if (shifted != null) {
                return TransactionExchange.invoke(st, method, shifted);
            }
            switch (name) {
                case "execute", "executeQuery", "executeUpdate", "executeLargeUpdate" -> {
                    executed[0] = true;
                    Object[] a = args;
                    if (plainSql && exchange.hasPending()) {
                        List<Pending> now = exchange.take();
                        a = args.clone();
                        a[0] = TransactionExchange.text(now) + "; " + args[0];
                        skip[0] = now.size();
                    } else if (plainSql) {
                        skip[0] = 0;
                    }
                    if (skip[0] == 0) {
                        return TransactionExchange.invoke(st, method, a);
                    }
                    if (plainSql) {
                        st.execute((String) a[0]);
                    } else {
                        ((PreparedStatement) st).execute();
                    }
                    boolean rows = false;
                    for (int i = 0; i < skip[0]; i++) {
                        rows = st.getMoreResults();
                    }
                    return switch (name) {
                        case "execute" -> rows;
                        case "executeQuery" -> {
                            if (!rows) {
                                throw new SQLException("the statement returned no result set");
                            }
                            yield st.getResultSet();
                        }
                        case "executeUpdate" -> st.getUpdateCount();
                        default -> st.getLargeUpdateCount();
                    };
                }
                case "addBatch" -> {
                    if (sent.isEmpty() && plainSql && exchange.hasPending()) {
                        List<Pending> now = exchange.take();
                        for (Pending s : now) {
                            st.addBatch(s.sql());
                        }
                        skip[0] = now.size();
                    } else if (!sent.isEmpty()) {
                        throw new SQLException("a statement carrying the transaction's bookkeeping is not batched");
                    }
                }
                case "executeBatch" -> {
                    executed[0] = true;
                    int[] counts = st.executeBatch();
                    return Arrays.copyOfRange(counts, Math.min(skip[0], counts.length), counts.length);
                }
                case "executeLargeBatch" -> {
                    executed[0] = true;
                    long[] counts = st.executeLargeBatch();
                    return Arrays.copyOfRange(counts, Math.min(skip[0], counts.length), counts.length);
                }
                case "clearParameters" -> {
                    TransactionExchange.invoke(st, method, args);
                    bind((PreparedStatement) st, bound);
                    return null;
                }
                case "getParameterMetaData" -> {
                    if (shift > 0) {
                        throw new SQLException("the parameters of a statement carrying the transaction's tenant are not described");
                    }
                }
                case "close" -> {
                    if (!executed[0] && !sent.isEmpty()) {
                        exchange.giveBack(sent);   // never ran: the bookkeeping goes with the next statement
                    }
                }
                default -> {
                    // getResultSet, getUpdateCount, getMoreResults...: the statement's own results
                }
            }
            return TransactionExchange.invoke(st, method, args);
        }));
    }

    /** Sets the tenant's bind values as the first parameters of {@code ps}. */
    static void bind(PreparedStatement ps, List<String> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            ps.setString(i + 1, values.get(i));
        }
    }

    /**
     * The arguments of a parameter setter ({@code setString(int, ...)}, {@code setObject(int, ...)}
     * and the like) with its index moved {@code shift} places on, past the tenant's; null for any
     * other call.
     */
    private static Object[] shifted(Method method, Object[] args, int shift) {
        if (shift > 0 && method.getName().startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer index
                && method.getDeclaringClass() != Statement.class) {
            Object[] moved = args.clone();
            moved[0] = index + shift;
            return moved;
        }
        return null;
    }
}
