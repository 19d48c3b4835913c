package dev.iamkit.jooq;

import java.lang.reflect.Method;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The bind values of a setting sent ahead of a statement in its exchange
 * ({@code SELECT set_config('iamkit.org_id', ?, true); <statement>}): they take the first
 * parameters, and the statement's own setters are shifted past them, so the text is the same for
 * every organization and the server may keep it prepared with its plan.
 */
final class PrefixParameters {
    private PrefixParameters() {
    }

    /** Sets {@code values} as the first parameters of {@code ps}. */
    static void bind(PreparedStatement ps, List<String> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            ps.setString(i + 1, values.get(i));
        }
    }

    /**
     * The arguments of a parameter setter ({@code setString(int, ...)}, {@code setObject(int, ...)}
     * and the like) with its index moved {@code shift} places on; null for any other call.
     */
    static Object[] shifted(Method method, Object[] args, int shift) {
        if (shift > 0 && method.getName().startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer index
                && method.getDeclaringClass() != Statement.class) {
            Object[] moved = args.clone();
            moved[0] = index + shift;
            return moved;
        }
        return null;
    }
}
