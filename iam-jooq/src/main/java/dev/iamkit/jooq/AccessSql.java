package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.APP_USER;
import static dev.iamkit.jooq.generated.Tables.ENTITLEMENT;
import static dev.iamkit.jooq.generated.Tables.MEMBERSHIP;
import static dev.iamkit.jooq.generated.Tables.MODULE;
import static dev.iamkit.jooq.generated.Tables.MODULE_VIEW;
import static dev.iamkit.jooq.generated.Tables.ORGANIZATION;
import static dev.iamkit.jooq.generated.Tables.ROLE_INCLUSION;
import static dev.iamkit.jooq.generated.Tables.TEAM_ASSIGNMENT;
import static dev.iamkit.jooq.generated.Tables.TEAM_MEMBER;
import static dev.iamkit.jooq.generated.Tables.USER_ASSIGNMENT;
import static dev.iamkit.jooq.generated.Tables.VIEW_GRANT;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.WithStep;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** Pieces of the access queries that the snapshot source, the compiler, the lookups and the menu share. */
final class AccessSql {
    static final String ACTIVE = "ACTIVE";
    static final String DELETED = "DELETED";
    private static final String ALLOW = "ALLOW";

    private AccessSql() {
    }

    /**
     * The CTEs of rules 1 to 4 for one user, at one moment: {@link #gate}, {@link #usableModules}
     * and {@link #reachedRoles}, the latter two read only when the gate is open.
     */
    record Rules(CommonTableExpression<Record1<Boolean>> gate, CommonTableExpression<Record1<UUID>> usable,
                 CommonTableExpression<Record1<UUID>> routes) {

        /** {@code userActive}: rule 2's user half, {@link #userActive(DSLContext, UUID, boolean)}. */
        static Rules of(UUID org, UUID user, OffsetDateTime now, Condition userActive) {
            CommonTableExpression<Record1<Boolean>> gate = AccessSql.gate(org, user, userActive);
            Condition open = AccessSql.open(gate);
            return new Rules(gate, usableModules(org, now, open), reachedRoles(org, user, now, open));
        }

        /** {@code WITH RECURSIVE gate, usable, routes}, to add further CTEs to and select from. */
        WithStep with(DSLContext sql) {
            return sql.withRecursive(gate).with(usable).with(routes);
        }

        Field<UUID> usableModule() {
            return usable.field("module_id", UUID.class);
        }

        Field<UUID> routeRole() {
            return routes.field("role_id", UUID.class);
        }
    }

    /** An expiry at exactly now counts as expired. */
    static Condition unexpired(Field<OffsetDateTime> expiresAt, OffsetDateTime now) {
        return expiresAt.isNull().or(expiresAt.gt(now));
    }

    /** Rule 1: the organization exists, is not deleted and is active. */
    static Condition organizationOpen(UUID org) {
        return DSL.exists(DSL.selectOne().from(ORGANIZATION)
                .where(ORGANIZATION.ID.eq(org), ORGANIZATION.DELETED_AT.isNull(), ORGANIZATION.STATUS.eq(DSL.inline(ACTIVE))));
    }

    /**
     * Rule 2's user half for a statement about {@code user} that {@code sql} runs. On plain
     * PostgreSQL a sub-select of that statement ({@link #userActive(UUID)}). On Citus
     * ({@code separately}) the answer of a statement of its own, run first: a tenant reads a user
     * row under a policy that asks the membership (V12's {@code user_in_tenant}), which Citus
     * cannot run on a worker, inside the shard query that a statement joining tenant tables
     * becomes; alone, the read of the reference table runs on the coordinator.
     */
    static Condition userActive(DSLContext sql, UUID user, boolean separately) {
        if (!separately) {
            return userActive(user);
        }
        return sql.fetchExists(DSL.selectOne().from(APP_USER)
                .where(APP_USER.ID.eq(user), APP_USER.DELETED_AT.isNull(), APP_USER.STATUS.eq(DSL.inline(ACTIVE))))
                ? DSL.trueCondition() : DSL.falseCondition();
    }

    /** The user's state ({@code DELETED}, else its status; null: no such user), as {@link #userActive(DSLContext, UUID, boolean)} reads it. */
    static Field<String> userState(DSLContext sql, UUID user, boolean separately) {
        var state = DSL.select(DSL.when(APP_USER.DELETED_AT.isNotNull(), DSL.inline(DELETED)).otherwise(APP_USER.STATUS))
                .from(APP_USER).where(APP_USER.ID.eq(user));
        return separately ? DSL.val(sql.fetchValue(state), SQLDataType.CLOB) : DSL.field(state);
    }

    /** Rule 2's user half, as a sub-select: the user exists, is not deleted and is active. */
    static Condition userActive(UUID user) {
        return DSL.exists(DSL.selectOne().from(APP_USER)
                .where(APP_USER.ID.eq(user), APP_USER.DELETED_AT.isNull(), APP_USER.STATUS.eq(DSL.inline(ACTIVE))));
    }

    /** Rules 1 and 2 for one user: the organization, the user ({@code userActive}, {@link #userActive(DSLContext, UUID, boolean)}) and the membership are all active. */
    static Condition open(UUID org, UUID user, Condition userActive) {
        return organizationOpen(org)
                .and(userActive)
                .and(DSL.exists(DSL.selectOne().from(MEMBERSHIP)
                        .where(MEMBERSHIP.ORG_ID.eq(org), MEMBERSHIP.USER_ID.eq(user), MEMBERSHIP.STATUS.eq(DSL.inline(ACTIVE)))));
    }

    /** Rules 1 and 2 as the one-row CTE {@code gate(open)}, so a statement evaluates them once. */
    static CommonTableExpression<Record1<Boolean>> gate(UUID org, UUID user, Condition userActive) {
        return DSL.name("gate").fields("open").as(DSL.select(DSL.field(open(org, user, userActive))));
    }

    /** The gate's verdict as a condition, evaluated once. */
    static Condition open(CommonTableExpression<Record1<Boolean>> gate) {
        return DSL.condition(DSL.field(DSL.select(gate.field("open", Boolean.class)).from(gate)));
    }

    /** Rule 3: the CTE {@code usable(module_id)} of modules usable through an enabled, unexpired entitlement, when {@code open}. */
    static CommonTableExpression<Record1<UUID>> usableModules(UUID org, OffsetDateTime now, Condition open) {
        return DSL.name("usable").fields("module_id")
                .as(DSL.select(ENTITLEMENT.MODULE_ID)
                        .from(ENTITLEMENT)
                        .join(MODULE).on(MODULE.ID.eq(ENTITLEMENT.MODULE_ID))
                        .where(ENTITLEMENT.ORG_ID.eq(org), ENTITLEMENT.ENABLED.isTrue(), MODULE.ENABLED.isTrue(),
                                unexpired(ENTITLEMENT.EXPIRES_AT, now), open));
    }

    /**
     * Rule 4: the recursive CTE {@code routes(role_id)} of the roles reaching the user, directly or
     * through a team, unexpired, when {@code open}, and the roles they include, transitively.
     */
    static CommonTableExpression<Record1<UUID>> reachedRoles(UUID org, UUID user, OffsetDateTime now, Condition open) {
        Name routesName = DSL.name("routes");
        Field<UUID> walked = DSL.field(DSL.name("routes", "role_id"), SQLDataType.UUID);
        return routesName.fields("role_id")
                .as(DSL.select(USER_ASSIGNMENT.ROLE_ID)
                        .from(USER_ASSIGNMENT)
                        .where(USER_ASSIGNMENT.ORG_ID.eq(org), USER_ASSIGNMENT.USER_ID.eq(user), unexpired(USER_ASSIGNMENT.EXPIRES_AT, now), open)
                        .union(DSL.select(TEAM_ASSIGNMENT.ROLE_ID)
                                .from(TEAM_ASSIGNMENT)
                                .join(TEAM_MEMBER).on(TEAM_MEMBER.ORG_ID.eq(TEAM_ASSIGNMENT.ORG_ID), TEAM_MEMBER.TEAM_ID.eq(TEAM_ASSIGNMENT.TEAM_ID))
                                .where(TEAM_ASSIGNMENT.ORG_ID.eq(org), TEAM_MEMBER.USER_ID.eq(user), unexpired(TEAM_ASSIGNMENT.EXPIRES_AT, now), open))
                        .union(DSL.select(ROLE_INCLUSION.INCLUDED_ROLE_ID)
                                .from(DSL.table(routesName))
                                .join(ROLE_INCLUSION).on(ROLE_INCLUSION.ORG_ID.eq(org), ROLE_INCLUSION.ROLE_ID.eq(walked))));
    }

    /**
     * Rules 3 to 5 for views, over the CTEs of {@code rules}: the ids of the entitled views that some reached
     * role allows and none denies (one row per view).
     */
    static Select<Record1<UUID>> permittedViews(UUID org, Rules rules) {
        return DSL.select(VIEW_GRANT.VIEW_ID)
                .from(VIEW_GRANT)
                .where(VIEW_GRANT.ORG_ID.eq(org), VIEW_GRANT.ROLE_ID.in(DSL.select(rules.routeRole()).from(rules.routes())),
                        VIEW_GRANT.VIEW_ID.in(DSL.select(MODULE_VIEW.VIEW_ID).from(MODULE_VIEW)
                                .where(MODULE_VIEW.MODULE_ID.in(DSL.select(rules.usableModule()).from(rules.usable())))))
                .groupBy(VIEW_GRANT.VIEW_ID)
                .having(DSL.boolAnd(VIEW_GRANT.EFFECT.eq(DSL.inline(ALLOW))));
    }
}
