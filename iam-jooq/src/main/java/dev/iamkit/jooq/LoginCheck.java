package dev.iamkit.jooq;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether row level security binds the store's login. It does not for a superuser or a role with
 * BYPASSRLS, nor for a login that may become one ({@code SET ROLE} to a role it is a member of),
 * nor for an owner of the schema or of its tables (an owner may turn the policies off). One query
 * on the catalogs, at startup and in {@code health()}.
 */
final class LoginCheck {
    private static final String QUERY = """
            SELECT current_user,
                   r.rolsuper,
                   r.rolbypassrls,
                   (SELECT string_agg(x.rolname, ', ' ORDER BY x.rolname) FROM pg_roles x
                     WHERE (x.rolsuper OR x.rolbypassrls) AND x.oid <> r.oid AND pg_has_role(r.oid, x.oid, 'MEMBER')),
                   (SELECT pg_has_role(r.oid, n.nspowner, 'MEMBER') FROM pg_namespace n WHERE n.nspname = ?),
                   (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND pg_has_role(r.oid, c.relowner, 'MEMBER'))
              FROM pg_roles r WHERE r.rolname = current_user""";

    private LoginCheck() {
    }

    /** Why row level security is not in force for the connection's login, or empty when it is. */
    static Optional<String> bypass(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(QUERY)) {
            ps.setString(1, schema);
            ps.setString(2, schema);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.of("the login's role is not in pg_roles");
                }
                String login = rs.getString(1);
                List<String> why = new ArrayList<>();
                if (rs.getBoolean(2)) {
                    why.add("is a superuser");
                }
                if (rs.getBoolean(3)) {
                    why.add("has BYPASSRLS");
                }
                if (rs.getString(4) != null) {
                    why.add("may become " + rs.getString(4) + " (superuser or BYPASSRLS)");
                }
                if (rs.getBoolean(5)) {
                    why.add("owns schema " + schema);
                }
                if (rs.getLong(6) > 0) {
                    why.add("owns " + rs.getLong(6) + " table(s) of schema " + schema);
                }
                return why.isEmpty() ? Optional.empty()
                        : Optional.of("row level security is not in force for login " + login + ": it " + String.join(", ", why));
            }
        }
    }
}
