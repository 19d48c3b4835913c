package dev.iamkit.jooq;

import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * A read of one global row by key that sets its scope itself, in a single statement the driver may
 * keep prepared on the server:
 *
 * <pre>
 * SELECT u.* FROM (SELECT set_config('iamkit.scope', 'identity', true) AS v) s
 * CROSS JOIN LATERAL (SELECT * FROM app_user WHERE id = ? AND s.v IS NOT NULL OFFSET 0) u
 * </pre>
 *
 * The inner query refers to the outer one (LATERAL), so PostgreSQL runs it only once the setting
 * is made, for each outer row; OFFSET 0 keeps it from being merged into the outer query, and a
 * sub-select with a volatile function is never merged either. The setting holds for the statement's
 * implicit transaction only. One round trip, like {@link OneExchange}, but without planning the
 * statement again on every call (a named statement), which halves the cost of finding a user or an
 * organization by id. Not for Citus, where a setting made by a function does not reach the workers.
 */
final class ScopedFind {
    private ScopedFind() {
    }

    static <R extends Record> Optional<R> one(DSLContext ctx, Scope scope, Table<R> table, Condition condition) {
        Field<String> setting = DSL.field("set_config({0}, {1}, true)", String.class, DSL.inline(Scope.SETTING), DSL.inline(scope.value)).as("v");
        Table<?> s = DSL.select(setting).asTable("s");
        Table<?> u = DSL.lateral(DSL.selectFrom(table).where(condition, s.field("v", String.class).isNotNull()).offset(DSL.inline(0)).asTable("u"));
        return ctx.select(u.fields()).from(s.crossJoin(u)).fetchOptionalInto(table);
    }
}
