package dev.iamkit.jooq;

import dev.iamkit.error.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.postgresql.util.PGobject;

/**
 * A statement of the write path that jOOQ renders once per store, not on every call: built with
 * named parameters ({@link DSL#param(String, Class)}), rendered with the store's settings (so the
 * configured schema), and run through the driver with the values bound by position. Rendering a
 * statement is most of the client's time in a write (measured: 44% of the write path's CPU
 * samples for an assign, about 140 µs of a 1.1 ms write); jOOQ's manual suggests this for hot
 * statements. Values are bound with {@link PreparedStatement#setObject(int, Object)}, which the
 * driver maps to the parameters' types (the rendering casts where PostgreSQL needs a type).
 *
 * <p>A null is bound with the type the driver gives a value of the parameter's class
 * ({@link NullOf}). The driver keeps a statement prepared on the server only while each parameter's
 * type stays the one it was prepared with, and it sends a plain null as of no type: a statement
 * that took a null where it had taken a value (an audit event's {@code before} on a first
 * assignment, its {@code after} on a removal) was prepared again, and planned again, at every such
 * change. Measured: the audit append of alternating assigns and unassigns kept its plan for 12 of
 * 179 executions.
 */
final class Rendered {
    private final String sql;
    /** For each {@code ?} of {@link #sql}, the index of its value among the names the statement was declared with. */
    private final int[] order;
    /** For each {@code ?} of {@link #sql}, its values' class and how its null is bound. */
    private final NullOf[] types;
    /** How many statements {@link #sql} holds ({@link #sequence}). */
    private final int statements;

    private Rendered(String sql, int[] order, NullOf[] types, int statements) {
        this.sql = sql;
        this.order = order;
        this.types = types;
        this.statements = statements;
    }

    /**
     * The values a parameter takes, by the class jOOQ declares for it, and its null bound with the
     * type the driver sends for them (checked with {@code pg_prepared_statements.parameter_types}:
     * a {@code PGobject} of a type and no value is a null of that type). JSON parameters take their
     * text, cast in the statement.
     */
    enum NullOf {
        TEXT(String.class, java.sql.Types.VARCHAR, null),
        UUID(java.util.UUID.class, 0, "uuid"),
        TIMESTAMPTZ(java.time.OffsetDateTime.class, 0, "timestamptz"),
        BIGINT(Long.class, java.sql.Types.BIGINT, null),
        INTEGER(Integer.class, java.sql.Types.INTEGER, null),
        BOOLEAN(Boolean.class, java.sql.Types.BOOLEAN, null),
        BYTEA(byte[].class, java.sql.Types.BINARY, null),
        UUID_ARRAY(java.util.UUID[].class, 0, "_uuid"),
        TEXT_ARRAY(String[].class, 0, "_varchar"),
        BOOLEAN_ARRAY(Boolean[].class, 0, "_bool");

        /** The class of the values the parameter takes. */
        final Class<?> takes;
        private final int sqlType;
        private final String typeName;

        NullOf(Class<?> takes, int sqlType, String typeName) {
            this.takes = takes;
            this.sqlType = sqlType;
            this.typeName = typeName;
        }

        static NullOf of(Class<?> declared) {
            if (declared == org.jooq.JSON.class || declared == org.jooq.JSONB.class) {
                return TEXT;
            }
            for (NullOf n : values()) {
                if (n.takes == declared) {
                    return n;
                }
            }
            throw new IllegalStateException("no typed null for a parameter of " + declared.getName());
        }

        void bindNull(PreparedStatement ps, int index) throws SQLException {
            if (typeName == null) {
                ps.setNull(index, sqlType);
            } else {
                PGobject typed = new PGobject();
                typed.setType(typeName);
                ps.setObject(index, typed);
            }
        }
    }

    /**
     * Renders {@code query}, whose parameters are all named, each with one of {@code names};
     * values are later given in the order of {@code names}.
     */
    static Rendered of(Settings settings, Query query, String... names) {
        return sequence(settings, names, query);
    }

    /**
     * Renders {@code queries} as one text, {@code first; second; ...}, which the driver sends in
     * one exchange and the server runs in order, each statement in a snapshot of its own (under
     * READ COMMITTED, taken when it starts: after whatever the statements before it waited for).
     * Every parameter is named with one of {@code names}, each used by one of the queries at least.
     */
    static Rendered sequence(Settings settings, String[] names, Query... queries) {
        DSLContext dsl = DSL.using(SQLDialect.POSTGRES, settings);
        StringBuilder sql = new StringBuilder();
        List<Integer> order = new ArrayList<>();
        List<NullOf> types = new ArrayList<>();
        List<String> declared = Arrays.asList(names);
        boolean[] used = new boolean[names.length];
        for (Query query : queries) {
            if (!sql.isEmpty()) {
                sql.append("; ");
            }
            parse(dsl.renderNamedParams(query), dsl.extractParams(query), declared, used, sql, order, types);
        }
        for (int k = 0; k < names.length; k++) {
            if (!used[k]) {
                throw new IllegalStateException("parameter :" + names[k] + " does not appear in " + sql);
            }
        }
        return new Rendered(sql.toString(), order.stream().mapToInt(Integer::intValue).toArray(), types.toArray(NullOf[]::new), queries.length);
    }

    /** Appends {@code named} to {@code sql} with each named parameter as {@code ?}, its index and type added to {@code order} and {@code types}. */
    private static void parse(String named, Map<String, Param<?>> params, List<String> declared, boolean[] used, StringBuilder sql,
            List<Integer> order, List<NullOf> types) {
        int i = 0;
        while (i < named.length()) {
            char c = named.charAt(i);
            if (c == '\'') {   // a literal: copied as it is, quotes doubled inside
                int end = i + 1;
                while (end < named.length() && !(named.charAt(end) == '\'' && (end + 1 >= named.length() || named.charAt(end + 1) != '\''))) {
                    end += named.charAt(end) == '\'' ? 2 : 1;
                }
                sql.append(named, i, Math.min(end + 1, named.length()));
                i = end + 1;
            } else if (c == ':' && i + 1 < named.length() && named.charAt(i + 1) == ':') {
                sql.append("::");   // a cast
                i += 2;
            } else if (c == ':' && i + 1 < named.length() && Character.isDigit(named.charAt(i + 1))) {
                // a value the statement was built with (DSL.val): it would be bound once, at build time
                throw new IllegalStateException("a value that is not a named parameter at " + i + " (use DSL.inline or DSL.param): " + named);
            } else if (c == ':' && i + 1 < named.length() && Character.isJavaIdentifierStart(named.charAt(i + 1))) {
                int end = i + 1;
                while (end < named.length() && Character.isJavaIdentifierPart(named.charAt(end))) {
                    end++;
                }
                String name = named.substring(i + 1, end);
                int index = declared.indexOf(name);
                if (index < 0) {
                    throw new IllegalStateException("parameter :" + name + " is not declared: " + named);
                }
                used[index] = true;
                order.add(index);
                Param<?> param = params.get(name);
                if (param == null) {
                    throw new IllegalStateException("parameter :" + name + " has no declared type (jOOQ found " + params.keySet() + "): " + named);
                }
                types.add(NullOf.of(param.getType()));
                sql.append('?');
                i = end;
            } else {
                sql.append(c);
                i++;
            }
        }
    }

    /** The SQL as the driver receives it. */
    String sql() {
        return sql;
    }

    /** Reads a statement's result. */
    interface Reader<R> {
        R read(java.sql.ResultSet rs) throws SQLException;
    }

    /**
     * Runs a {@link #sequence} on {@code c} with {@code values} (in the declared order), passing
     * over the results of every statement but the last, which returns rows.
     */
    <R> R queryLast(Connection c, Reader<R> reader, Object... values) throws SQLException {
        check(values);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, values);
            boolean rows = ps.execute();
            for (int i = 1; i < statements; i++) {
                rows = ps.getMoreResults();
            }
            if (!rows) {
                throw new SQLException("the last statement of the sequence returned no rows");
            }
            try (java.sql.ResultSet rs = ps.getResultSet()) {
                return reader.read(rs);
            }
        }
    }

    /** Runs the statement, which returns rows, on {@code c} with {@code values} (in the declared order). */
    <R> R query(Connection c, Reader<R> reader, Object... values) throws SQLException {
        check(values);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, values);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return reader.read(rs);
            }
        }
    }

    /** Runs the statement on {@code c} with {@code values} (in the declared order); returns its update count. */
    int execute(Connection c, Object... values) throws SQLException {
        return bound(values).execute(c);
    }

    /** The statement with {@code values} (in the declared order), checked now, run later ({@link TransactionExchange.Holding}). */
    Bound bound(Object... values) {
        check(values);
        return new Bound(values);
    }

    /** The statement with its values, ready to run. */
    final class Bound {
        private final Object[] values;

        private Bound(Object[] values) {
            this.values = values;
        }

        /** Runs it on {@code c}; returns its update count. */
        int execute(Connection c) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, values);
                return ps.executeUpdate();
            }
        }

        /**
         * Runs it on {@code c} followed by {@code next}, a statement without parameters, in one
         * exchange: the driver sends both and the server runs them in order, stopping at the first
         * error. The pair's text is the same at every call, so the driver keeps it prepared too.
         */
        void executeThen(Connection c, String next) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(sql + "; " + next)) {
                bind(ps, values);
                ps.execute();
            }
        }
    }

    /**
     * Refuses, before anything is sent, a value that is not of its parameter's class: its type would
     * differ from the one the statement was prepared with. (A fault of the store's own code, never
     * of a caller's input: nothing is written.)
     */
    private void check(Object[] values) {
        for (int p = 0; p < order.length; p++) {
            Object v = values[order[p]];
            if (v != null && !types[p].takes.isInstance(v)) {
                throw new StorageException(StorageException.Kind.REJECTED,
                        "parameter " + (p + 1) + " takes " + types[p].takes.getSimpleName() + ", not " + v.getClass().getName());
            }
        }
    }

    /**
     * Binds {@code values} ({@link #check checked}), a null with its parameter's type
     * ({@link NullOf}); a time is cut to the microsecond, as the model cuts it, because the server
     * would round a finer one (so a returned value and the stored one could differ by 1 µs).
     */
    private void bind(PreparedStatement ps, Object[] values) throws SQLException {
        for (int p = 0; p < order.length; p++) {
            Object v = values[order[p]];
            if (v == null) {
                types[p].bindNull(ps, p + 1);
            } else {
                ps.setObject(p + 1, v instanceof java.time.OffsetDateTime t ? t.truncatedTo(java.time.temporal.ChronoUnit.MICROS) : v);
            }
        }
    }
}
