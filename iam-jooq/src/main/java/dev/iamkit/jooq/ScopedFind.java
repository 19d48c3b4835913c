package dev.iamkit.jooq;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;

/**
 * A read of one global row by key that sets its scope itself, in a single statement the driver may
 * keep prepared on the server:
 *
 * <pre>
 * SELECT u.* FROM (SELECT set_config('iamkit.scope', 'identity', true) AS v) s
 * CROSS JOIN LATERAL (SELECT ... FROM app_user WHERE id = ? AND s.v IS NOT NULL OFFSET 0) u
 * </pre>
 *
 * The inner query refers to the outer one (LATERAL), so PostgreSQL runs it only once the setting
 * is made, for each outer row; OFFSET 0 keeps it from being merged into the outer query, and a
 * sub-select with a volatile function is never merged either. The setting holds for the statement's
 * implicit transaction only. One round trip, like {@link OneExchange}, but without planning the
 * statement again on every call (a named statement). Each statement is rendered once and then bound
 * and run over JDBC, as the checks are ({@link FunctionAuthz}). Not for Citus, where a setting made
 * by a function does not reach the workers.
 *
 * <p>A tenant row is read the same way with the tenant setting, its value bound
 * ({@link #tenantOne}): {@code set_config('iamkit.org_id', ?, true)}, and the organization named
 * again in the inner query's key, so the statement is the same for every organization.
 *
 * <p>The row is read as the table's own fields, which are the inner query's columns in order: jOOQ
 * then does not build fields from the result's metadata on every call (measured: a find's client
 * time 38-43 -> 33 µs).
 */
final class ScopedFind {
    /**
     * A statement's shape: {@code scope} null for a tenant read. The table and the key are the
     * generated classes' constants, compared by identity: jOOQ's own {@code equals} and
     * {@code hashCode} of a query part were about 4% of a find's client CPU samples.
     */
    private record Shape(Scope scope, Table<?> table, TableField<?, ?> key, boolean live) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Shape s && s.scope == scope && s.table == table && s.key == key && s.live == live;
        }

        @Override
        public int hashCode() {
            return ((System.identityHashCode(table) * 31 + System.identityHashCode(key)) * 31 + java.util.Objects.hashCode(scope)) * 2
                    + (live ? 1 : 0);
        }
    }

    private final Map<Shape, String> statements = new ConcurrentHashMap<>();

    /**
     * The row of {@code table} whose {@code key} is {@code value} (with {@code live}: and that is not
     * deleted), read on {@code c} in autocommit.
     */
    <R extends Record, T> Optional<R> one(DSLContext dsl, Connection c, Scope scope, Table<R> table, TableField<R, T> key, T value, boolean live)
            throws java.sql.SQLException {
        String sql = statements.computeIfAbsent(new Shape(scope, table, key, live), s -> render(dsl, s.scope(), table, key, live));
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return dsl.fetch(rs, table.fields()).stream().findFirst().map(r -> r.into(table));
            }
        }
    }

    /** The row of the tenant table {@code table} of {@code org} whose {@code key} is {@code value}, read on {@code c} in autocommit. */
    <R extends Record, T> Optional<R> tenantOne(DSLContext dsl, Connection c, java.util.UUID org, Table<R> table, TableField<R, T> key, T value)
            throws java.sql.SQLException {
        String sql = statements.computeIfAbsent(new Shape(null, table, key, false), s -> renderTenant(dsl, table, key));
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, org.toString());
            ps.setObject(2, org);
            ps.setObject(3, value);
            try (ResultSet rs = ps.executeQuery()) {
                return dsl.fetch(rs, table.fields()).stream().findFirst().map(r -> r.into(table));
            }
        }
    }

    private static <R extends Record, T> String renderTenant(DSLContext dsl, Table<R> table, TableField<R, T> key) {
        Condition where = table.field("org_id", java.util.UUID.class).eq(DSL.val(null, java.util.UUID.class)).and(key.eq(DSL.val(null, key.getDataType())));
        String inner = dsl.render(dsl.selectFrom(table).where(where, DSL.condition("s.v IS NOT NULL")).offset(DSL.inline(0)));
        return "SELECT u.* FROM (SELECT set_config('iamkit.org_id', ?, true) AS v) s CROSS JOIN LATERAL (" + inner + ") u";
    }

    private static <R extends Record, T> String render(DSLContext dsl, Scope scope, Table<R> table, TableField<R, T> key, boolean live) {
        Condition where = key.eq(DSL.val(null, key.getDataType()));
        if (live) {
            where = where.and(table.field("deleted_at").isNull());
        }
        String inner = dsl.render(dsl.selectFrom(table).where(where, DSL.condition("s.v IS NOT NULL")).offset(DSL.inline(0)));
        return "SELECT u.* FROM (SELECT set_config('" + Scope.SETTING + "', '" + scope.value + "', true) AS v) s CROSS JOIN LATERAL ("
                + inner + ") u";
    }
}
