package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.ORG_COUNTER;
import static dev.iamkit.jooq.generated.Tables.ROLE;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Query;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** The statement that creates a role, rendered once per store ({@link Rendered}). */
final class RoleSql {
    private final Rendered create;

    RoleSql(Settings settings) {
        this.create = Rendered.of(settings, create(), "org", "id", "code", "name", "description", "at", "reach");
    }

    /** One statement: the insert, skipped when the code is taken, and the counter moved only when it inserted. */
    private static Query create() {
        var org = DSL.param("org", SQLDataType.UUID);
        var at = DSL.param("at", ROLE.CREATED_AT.getDataType());
        var change = DSL.name("change").as(DSL.insertInto(ROLE)
                .set(ROLE.ORG_ID, org)
                .set(ROLE.ID, DSL.param("id", SQLDataType.UUID))
                .set(ROLE.CODE, DSL.param("code", SQLDataType.CLOB))
                .set(ROLE.NAME, DSL.param("name", SQLDataType.CLOB))
                .set(ROLE.DESCRIPTION, DSL.param("description", SQLDataType.CLOB))
                .set(ROLE.VERSION, DSL.inline(0L))
                .set(ROLE.CREATED_AT, at)
                .set(ROLE.UPDATED_AT, at)
                .onConflict(ROLE.ORG_ID, ROLE.CODE).doNothing()
                .returningResult(ROLE.ID));
        return TenantContext.countIfAny(TenantContext.counterColumns(DSL.with(change).insertInto(ORG_COUNTER)),
                DSL.name("change"), org, DSL.param("reach", SQLDataType.CLOB));
    }

    /** Inserts the role at version 0; the counters, or empty when the organization already has a role with this code. */
    Optional<TenantContext.Counters> create(Connection c, UUID org, UUID id, String code, String name, String description, OffsetDateTime at,
            String reach) throws SQLException {
        return create.query(c, rs -> rs.next() ? Optional.of(new TenantContext.Counters(rs.getLong(1), rs.getLong(2), rs.getBytes(3)))
                : Optional.empty(), org, id, code, name, description, at, reach);
    }
}
