package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.MEMBERSHIP;
import static dev.iamkit.jooq.generated.Tables.ORG_COUNTER;
import static dev.iamkit.jooq.generated.Tables.ROLE;
import static dev.iamkit.jooq.generated.Tables.TEAM;
import static dev.iamkit.jooq.generated.Tables.TEAM_ASSIGNMENT;
import static dev.iamkit.jooq.generated.Tables.USER_ASSIGNMENT;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Query;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The statements of {@link JooqAssignmentStore}'s writes, rendered once per store
 * ({@link Rendered}), for assignments to users and to teams: a write of an assignment is the most
 * frequent write a host makes, and rendering was half of its client time.
 */
final class AssignmentSql {
    /** One of the two assignment tables, by its columns. */
    record Held(Table<?> table, TableField<?, UUID> orgId, TableField<?, UUID> roleId, TableField<?, UUID> principalId,
            TableField<?, String> grantedBy, TableField<?, OffsetDateTime> grantedAt, TableField<?, OffsetDateTime> expiresAt) {
    }

    static final Held USERS = new Held(USER_ASSIGNMENT, USER_ASSIGNMENT.ORG_ID, USER_ASSIGNMENT.ROLE_ID, USER_ASSIGNMENT.USER_ID,
            USER_ASSIGNMENT.GRANTED_BY, USER_ASSIGNMENT.GRANTED_AT, USER_ASSIGNMENT.EXPIRES_AT);
    static final Held TEAMS = new Held(TEAM_ASSIGNMENT, TEAM_ASSIGNMENT.ORG_ID, TEAM_ASSIGNMENT.ROLE_ID, TEAM_ASSIGNMENT.TEAM_ID,
            TEAM_ASSIGNMENT.GRANTED_BY, TEAM_ASSIGNMENT.GRANTED_AT, TEAM_ASSIGNMENT.EXPIRES_AT);
    private static final Name CHANGE = DSL.name("change");

    /**
     * What an assign's change returned: the assignment it replaced (null when none), whether it
     * was there as it now is (same expiry: the counter's reach is then {@code unchanged}), and the
     * counters then.
     */
    record Changed(String grantedBy, OffsetDateTime grantedAt, OffsetDateTime expiresAt, boolean asItWas, TenantContext.Counters counters) {
    }

    /** What an unassign returned: whether the role exists, the assignment removed (null when none), and the counters then. */
    record Removed(boolean roleFound, String grantedBy, OffsetDateTime grantedAt, OffsetDateTime expiresAt, TenantContext.Counters counters) {
    }

    /** The three statements for one of the tables. */
    private record Shapes(Rendered lock, Rendered change, Rendered unassign) {
    }

    private final Shapes users;
    private final Shapes teams;

    AssignmentSql(Settings settings) {
        this.users = shapes(settings, USERS, true);
        this.teams = shapes(settings, TEAMS, false);
    }

    private static Shapes shapes(Settings settings, Held held, boolean toUsers) {
        return new Shapes(Rendered.of(settings, lock(held, toUsers), "org", "role", "who"),
                Rendered.of(settings, change(held), "org", "role", "who", "by", "at", "expires", "reach", "unchanged"),
                Rendered.of(settings, unassign(held), "org", "role", "who", "reach"));
    }

    private static Field<UUID> uuid(String name) {
        return DSL.param(name, SQLDataType.UUID);
    }

    /**
     * The role locked and the principal looked up, in one statement; no row: no such role. The
     * assignment the write replaces is read by the next statement, whose snapshot is taken once the
     * role is held: read here, in the snapshot taken before a wait for the lock, it could be one
     * that a write committed during the wait had already replaced.
     */
    private static Query lock(Held held, boolean toUsers) {
        Field<UUID> org = uuid("org");
        Field<UUID> who = uuid("who");
        Condition principalExists = toUsers
                ? DSL.exists(DSL.selectOne().from(MEMBERSHIP).where(MEMBERSHIP.ORG_ID.eq(org), MEMBERSHIP.USER_ID.eq(who)))
                : DSL.exists(DSL.selectOne().from(TEAM).where(TEAM.ORG_ID.eq(org), TEAM.ID.eq(who)));
        return DSL.select(DSL.field(principalExists))
                .from(ROLE)
                .where(ROLE.ORG_ID.eq(org), ROLE.ID.eq(uuid("role")))
                .forNoKeyUpdate();
    }

    /**
     * The assignment it replaces read, the assignment upserted and the counter moved, in one
     * statement run while the role is locked. Counted if the upsert returned its row, which it
     * always does: reading it makes the upsert (and its foreign-key locks) come before the
     * counter's lock. The counter's reach is {@code unchanged} when the assignment was there with
     * the same expiry (the rule of {@link dev.iamkit.authz.Impact#ofAssignment}), {@code reach}
     * otherwise; the statement returns which, so the store reports what the counter recorded.
     */
    private static Query change(Held held) {
        Field<UUID> org = uuid("org");
        Field<OffsetDateTime> expires = DSL.param("expires", held.expiresAt().getDataType());
        var old = DSL.name("old").as(DSL.select(held.grantedBy(), held.grantedAt(), held.expiresAt()).from(held.table())
                .where(held.orgId().eq(org), held.roleId().eq(uuid("role")), held.principalId().eq(uuid("who"))));
        Condition asItWas = DSL.exists(DSL.selectOne().from(old).where(old.field(held.expiresAt()).isNotDistinctFrom(expires)));
        Field<String> reach = DSL.when(asItWas, DSL.param("unchanged", SQLDataType.CLOB)).otherwise(DSL.param("reach", SQLDataType.CLOB));
        var change = CHANGE.as(DSL.insertInto(held.table())
                .set(held.orgId(), org)
                .set(held.roleId(), uuid("role"))
                .set(held.principalId(), uuid("who"))
                .set(held.grantedBy(), DSL.param("by", SQLDataType.CLOB))
                .set(held.grantedAt(), DSL.param("at", held.grantedAt().getDataType()))
                .set(held.expiresAt(), expires)
                .onConflict(held.orgId(), held.roleId(), held.principalId())
                .doUpdate()
                .set(held.grantedBy(), DSL.excluded(held.grantedBy()))
                .set(held.grantedAt(), DSL.excluded(held.grantedAt()))
                .set(held.expiresAt(), DSL.excluded(held.expiresAt()))
                .returningResult(held.orgId()));
        var counter = DSL.name("counter").as(TenantContext.countIfAny(TenantContext.counterColumns(DSL.insertInto(ORG_COUNTER)), CHANGE, org, reach));
        return DSL.with(old).with(change).with(counter)
                .select(counter.fields())
                .select(old.fields())
                .select(DSL.field(asItWas))
                .from(DSL.selectOne().asTable("one"))
                .leftJoin(counter).on(DSL.trueCondition())
                .leftJoin(old).on(DSL.trueCondition());
    }

    /** The role locked, the assignment deleted and, when there was one, the counter moved: one statement. */
    private static Query unassign(Held held) {
        Field<UUID> org = uuid("org");
        Field<UUID> role = uuid("role");
        var locked = DSL.name("locked").as(DSL.select(ROLE.ID).from(ROLE).where(ROLE.ORG_ID.eq(org), ROLE.ID.eq(role)).forNoKeyUpdate());
        var change = CHANGE.as(DSL.deleteFrom(held.table())
                .where(held.orgId().eq(org), held.roleId().eq(role), held.principalId().eq(uuid("who")),
                        DSL.exists(DSL.selectOne().from(locked)))
                .returningResult(held.grantedBy(), held.grantedAt(), held.expiresAt()));
        var counter = DSL.name("counter").as(TenantContext.countIfAny(TenantContext.counterColumns(DSL.insertInto(ORG_COUNTER)), CHANGE, org, DSL.param("reach", SQLDataType.CLOB)));
        return DSL.with(locked).with(change).with(counter)
                .select(DSL.field(DSL.exists(DSL.selectOne().from(locked))))
                .select(change.fields())
                .select(counter.fields())
                .from(DSL.selectOne().asTable("one"))
                .leftJoin(change).on(DSL.trueCondition())
                .leftJoin(counter).on(DSL.trueCondition());
    }

    private Shapes shapes(Held held) {
        return held == USERS ? users : teams;
    }

    /** Locks the role: whether the principal exists; empty when the role does not. */
    Optional<Boolean> lock(Connection c, Held held, UUID org, UUID role, UUID who) throws SQLException {
        return shapes(held).lock().query(c, rs -> rs.next() ? Optional.of(rs.getBoolean(1)) : Optional.empty(), org, role, who);
    }

    /** The assign's change, the role locked; {@code reach} and {@code unchanged}: the encoded reaches of a change and of none. */
    Changed change(Connection c, Held held, UUID org, UUID role, UUID who, String by, OffsetDateTime at, OffsetDateTime expires,
            String reach, String unchanged) throws SQLException {
        return shapes(held).change().query(c, rs -> {
            TenantContext.Counters counters = counters(rs);
            return new Changed(rs.getString(4), rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class), rs.getBoolean(7),
                    counters);
        }, org, role, who, by, at, expires, reach, unchanged);
    }

    Removed unassign(Connection c, Held held, UUID org, UUID role, UUID who, String reach) throws SQLException {
        return shapes(held).unassign().query(c, rs -> {
            if (!rs.next()) {
                throw new SQLException("the unassign statement returned no row");
            }
            long seq = rs.getLong(5);
            TenantContext.Counters counters = rs.wasNull() ? null : new TenantContext.Counters(seq, rs.getLong(6), rs.getBytes(7));
            return new Removed(rs.getBoolean(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class), rs.getObject(4, OffsetDateTime.class),
                    counters);
        }, org, role, who, reach);
    }

    private static TenantContext.Counters counters(ResultSet rs) throws SQLException {
        if (!rs.next()) {
            throw new SQLException("the counter's upsert returned no row");
        }
        return new TenantContext.Counters(rs.getLong(1), rs.getLong(2), rs.getBytes(3));
    }
}
