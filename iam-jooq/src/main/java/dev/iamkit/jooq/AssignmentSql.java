package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.MEMBERSHIP;
import static dev.iamkit.jooq.generated.Tables.ORG_COUNTER;
import static dev.iamkit.jooq.generated.Tables.ROLE;
import static dev.iamkit.jooq.generated.Tables.TEAM;
import static dev.iamkit.jooq.generated.Tables.TEAM_ASSIGNMENT;
import static dev.iamkit.jooq.generated.Tables.USER_ASSIGNMENT;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
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
     * What an assign returned: whether the role and the principal were found (when either was not,
     * nothing was written and the rest is empty), the assignment it replaced (null when none),
     * whether it was there as it now is (same expiry: the counter's reach is then
     * {@code unchanged}), and the counters then.
     */
    record Changed(boolean roleFound, boolean principalFound, String grantedBy, OffsetDateTime grantedAt, OffsetDateTime expiresAt,
            boolean asItWas, TenantContext.Counters counters) {
    }

    /** What an unassign returned: whether the role exists, the assignment removed (null when none), and the counters then. */
    record Removed(boolean roleFound, String grantedBy, OffsetDateTime grantedAt, OffsetDateTime expiresAt, TenantContext.Counters counters) {
    }

    /** The two writes for one of the tables. */
    private record Shapes(Rendered assign, Rendered unassign) {
    }

    private final Shapes users;
    private final Shapes teams;

    AssignmentSql(Settings settings) {
        this.users = shapes(settings, USERS, true);
        this.teams = shapes(settings, TEAMS, false);
    }

    private static Shapes shapes(Settings settings, Held held, boolean toUsers) {
        return new Shapes(Rendered.sequence(settings, new String[] {"org", "role", "who", "by", "at", "expires", "reach", "unchanged"},
                        lockRole(), change(held, toUsers)),
                Rendered.sequence(settings, new String[] {"org", "role", "who", "reach"}, lockRole(), unassign(held)));
    }

    private static Field<UUID> uuid(String name) {
        return DSL.param(name, SQLDataType.UUID);
    }

    /**
     * The role locked (parameters {@code org}, {@code role}); sent with {@link #change} in one
     * exchange, ahead of it, and so with the other writes that the role's lock orders ({@link GrantOneSql}). The change reads
     * what it decides on in a snapshot of its own, taken when it starts, so after this statement
     * has waited for the role: read here, in the snapshot taken before a wait for the lock, the
     * assignment it replaces could be one that a write committed during the wait had already
     * replaced, and a member who joined during the wait would be missing.
     */
    static Query lockRole() {
        return DSL.selectOne().from(ROLE).where(ROLE.ORG_ID.eq(uuid("org")), ROLE.ID.eq(uuid("role"))).forNoKeyUpdate();
    }

    /**
     * Whether the role and the principal exist, the assignment it replaces read, the assignment
     * upserted (only if both exist: nothing is written otherwise) and the counter moved, in one
     * statement run once the role is locked. Counted if the upsert returned its row, which it
     * always does when it ran: reading it makes the upsert (and its foreign-key locks) come before
     * the counter's lock. The counter's reach is {@code unchanged} when the assignment was there
     * with the same expiry (the rule of {@link dev.iamkit.authz.Impact#ofAssignment}),
     * {@code reach} otherwise; the statement returns which, so the store reports what the counter
     * recorded.
     */
    private static Query change(Held held, boolean toUsers) {
        Field<UUID> org = uuid("org");
        Field<UUID> who = uuid("who");
        Field<OffsetDateTime> expires = DSL.param("expires", held.expiresAt().getDataType());
        Condition principalExists = toUsers
                ? DSL.exists(DSL.selectOne().from(MEMBERSHIP).where(MEMBERSHIP.ORG_ID.eq(org), MEMBERSHIP.USER_ID.eq(who)))
                : DSL.exists(DSL.selectOne().from(TEAM).where(TEAM.ORG_ID.eq(org), TEAM.ID.eq(who)));
        var found = DSL.name("found").as(DSL.select(
                DSL.field(DSL.exists(DSL.selectOne().from(ROLE).where(ROLE.ORG_ID.eq(org), ROLE.ID.eq(uuid("role")))))
                        .as("role_found"),
                DSL.field(principalExists).as("principal_found")));
        Field<Boolean> roleFound = found.field("role_found", Boolean.class);
        Field<Boolean> principalFound = found.field("principal_found", Boolean.class);
        var old = DSL.name("old").as(DSL.select(held.grantedBy(), held.grantedAt(), held.expiresAt()).from(held.table())
                .where(held.orgId().eq(org), held.roleId().eq(uuid("role")), held.principalId().eq(who)));
        Condition asItWas = DSL.exists(DSL.selectOne().from(old).where(old.field(held.expiresAt()).isNotDistinctFrom(expires)));
        Field<String> reach = DSL.when(asItWas, DSL.param("unchanged", SQLDataType.CLOB)).otherwise(DSL.param("reach", SQLDataType.CLOB));
        var change = CHANGE.as(DSL.insertInto(held.table(), held.orgId(), held.roleId(), held.principalId(), held.grantedBy(),
                        held.grantedAt(), held.expiresAt())
                // typed, as every value of a SELECT list a distributed planner may plan apart (Citus)
                .select(DSL.select(org, uuid("role"), who, DSL.field("cast({0} as text)", SQLDataType.CLOB, DSL.param("by", SQLDataType.CLOB)),
                                DSL.param("at", held.grantedAt().getDataType()), expires)
                        .from(found)
                        .where(DSL.condition(roleFound), DSL.condition(principalFound)))
                .onConflict(held.orgId(), held.roleId(), held.principalId())
                .doUpdate()
                .set(held.grantedBy(), DSL.excluded(held.grantedBy()))
                .set(held.grantedAt(), DSL.excluded(held.grantedAt()))
                .set(held.expiresAt(), DSL.excluded(held.expiresAt()))
                .returningResult(held.orgId()));
        var counter = DSL.name("counter").as(TenantContext.countIfAny(TenantContext.counterColumns(DSL.insertInto(ORG_COUNTER)), CHANGE, org, reach));
        return DSL.with(found).with(old).with(change).with(counter)
                .select(counter.fields())
                .select(old.fields())
                .select(DSL.field(asItWas), roleFound, principalFound)
                .from(found)
                .leftJoin(counter).on(DSL.trueCondition())
                .leftJoin(old).on(DSL.trueCondition());
    }

    /**
     * Whether the role exists, the assignment deleted and, when there was one, the counter moved:
     * one statement, run once the role is locked ({@link #lockRole}, sent ahead of it in the same
     * exchange). In the statement that locked the role, the delete would look for the assignment in
     * the snapshot taken before the wait for the lock, and miss one that a write committed during the
     * wait had made.
     */
    private static Query unassign(Held held) {
        Field<UUID> org = uuid("org");
        Field<UUID> role = uuid("role");
        Field<Boolean> roleFound = DSL.field(DSL.exists(DSL.selectOne().from(ROLE).where(ROLE.ORG_ID.eq(org), ROLE.ID.eq(role))));
        var change = CHANGE.as(DSL.deleteFrom(held.table())
                .where(held.orgId().eq(org), held.roleId().eq(role), held.principalId().eq(uuid("who")))
                .returningResult(held.grantedBy(), held.grantedAt(), held.expiresAt()));
        var counter = DSL.name("counter").as(TenantContext.countIfAny(TenantContext.counterColumns(DSL.insertInto(ORG_COUNTER)), CHANGE, org, DSL.param("reach", SQLDataType.CLOB)));
        return DSL.with(change).with(counter)
                .select(roleFound)
                .select(change.fields())
                .select(counter.fields())
                .from(DSL.selectOne().asTable("one"))
                .leftJoin(change).on(DSL.trueCondition())
                .leftJoin(counter).on(DSL.trueCondition());
    }

    private Shapes shapes(Held held) {
        return held == USERS ? users : teams;
    }

    /**
     * An assign, in one exchange: the role locked, then the change ({@link #change}). {@code reach}
     * and {@code unchanged}: the encoded reaches of a change and of none.
     */
    Changed assign(Connection c, Held held, UUID org, UUID role, UUID who, String by, OffsetDateTime at, OffsetDateTime expires,
            String reach, String unchanged) throws SQLException {
        return shapes(held).assign().queryLast(c, rs -> {
            if (!rs.next()) {
                throw new SQLException("the assign statement returned no row");
            }
            TenantContext.Counters counters = TenantContext.Counters.read(rs, 1);
            return new Changed(rs.getBoolean(8), rs.getBoolean(9), rs.getString(4), rs.getObject(5, OffsetDateTime.class),
                    rs.getObject(6, OffsetDateTime.class), rs.getBoolean(7), counters);
        }, org, role, who, by, at, expires, reach, unchanged);
    }

    Removed unassign(Connection c, Held held, UUID org, UUID role, UUID who, String reach) throws SQLException {
        return shapes(held).unassign().queryLast(c, rs -> {
            if (!rs.next()) {
                throw new SQLException("the unassign statement returned no row");
            }
            TenantContext.Counters counters = TenantContext.Counters.read(rs, 5);
            return new Removed(rs.getBoolean(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class), rs.getObject(4, OffsetDateTime.class),
                    counters);
        }, org, role, who, reach);
    }
}
