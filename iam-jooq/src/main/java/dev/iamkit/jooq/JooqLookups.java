package dev.iamkit.jooq;

import static dev.iamkit.jooq.AccessSql.ACTIVE;
import static dev.iamkit.jooq.AccessSql.unexpired;
import static dev.iamkit.jooq.generated.Tables.APP_USER;
import static dev.iamkit.jooq.generated.Tables.FEATURE_ACTION;
import static dev.iamkit.jooq.generated.Tables.FEATURE_GRANT;
import static dev.iamkit.jooq.generated.Tables.MEMBERSHIP;
import static dev.iamkit.jooq.generated.Tables.MODULE_FEATURE;
import static dev.iamkit.jooq.generated.Tables.MODULE_VIEW;
import static dev.iamkit.jooq.generated.Tables.ROLE_INCLUSION;
import static dev.iamkit.jooq.generated.Tables.TEAM_ASSIGNMENT;
import static dev.iamkit.jooq.generated.Tables.TEAM_MEMBER;
import static dev.iamkit.jooq.generated.Tables.USER_ASSIGNMENT;
import static dev.iamkit.jooq.generated.Tables.VIEW_GRANT;

import dev.iamkit.authz.Lookups;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Permission;
import dev.iamkit.model.UserId;
import dev.iamkit.model.Validate;
import dev.iamkit.model.ViewId;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.Select;
import org.jooq.WithStep;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Lookups in ONE statement per page, read through the scope's runner (row level security in
 * force; inside {@code inTenant}, the transaction itself), with all five rules applied in SQL as
 * {@link JooqAccessCompiler} applies them, at the clock's now.
 *
 * <p>Who may do something: the recursive CTE {@code holders(role_id, effect)} holds the roles that
 * grant the permission (or view) and, walking {@code role_inclusion} backwards, every role that
 * includes one of them, with the effect it brings. The statement then walks the organization's
 * active memberships in user id order from the cursor ({@code membership}'s primary key) and keeps
 * a user whom an unexpired assignment, direct or through a team, gives an ALLOW holder and none a
 * DENY holder. Both tests are semi-joins on indexed keys (the assignment and team-member indexes
 * by user), so the planner may either probe each member in order and stop when the page is full,
 * or collect the few holders' users first; each page reads only users after the cursor.
 *
 * <p>What someone may do: the {@code routes} CTE of the roles reaching the user, their grants
 * grouped by key and kept when none denies, after the cursor, in key order.
 */
final class JooqLookups implements Lookups {
    private static final String ALLOW = "ALLOW";
    private static final String DENY = "DENY";

    private final TenantContext ctx;

    JooqLookups(TenantContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Page<UserId> usersWhoCan(FeatureId feature, String action, PageRequest page) {
        Permission asked = new Permission(feature, action);   // validates featureId and action
        Validate.notNull("page", page);
        UUID org = ctx.org.value();
        UUID f = asked.featureId().value();
        return users(page, usable -> DSL.exists(DSL.selectOne().from(FEATURE_ACTION)
                                .where(FEATURE_ACTION.FEATURE_ID.eq(f), FEATURE_ACTION.ACTION.eq(asked.action())))
                        .and(DSL.exists(DSL.selectOne().from(MODULE_FEATURE)
                                .where(MODULE_FEATURE.FEATURE_ID.eq(f), MODULE_FEATURE.MODULE_ID.in(usable)))),
                DSL.select(FEATURE_GRANT.ROLE_ID, FEATURE_GRANT.EFFECT)
                        .from(FEATURE_GRANT)
                        .where(FEATURE_GRANT.ORG_ID.eq(org), FEATURE_GRANT.FEATURE_ID.eq(f), FEATURE_GRANT.ACTION.eq(asked.action())));
    }

    @Override
    public Page<UserId> usersWhoCanAccessView(ViewId view, PageRequest page) {
        Validate.notNull("viewId", view);
        Validate.notNull("page", page);
        UUID org = ctx.org.value();
        // a view some module links to exists (foreign key)
        return users(page, usable -> DSL.exists(DSL.selectOne().from(MODULE_VIEW)
                        .where(MODULE_VIEW.VIEW_ID.eq(view.value()), MODULE_VIEW.MODULE_ID.in(usable))),
                DSL.select(VIEW_GRANT.ROLE_ID, VIEW_GRANT.EFFECT)
                        .from(VIEW_GRANT)
                        .where(VIEW_GRANT.ORG_ID.eq(org), VIEW_GRANT.VIEW_ID.eq(view.value())));
    }

    @Override
    public Page<Permission> permissionsOf(UserId user, PageRequest page) {
        Validate.notNull("userId", user);
        Validate.notNull("page", page);
        Optional<Permission> after = page.afterPermission();
        Field<String> action = FEATURE_GRANT.ACTION.collate("C");
        Condition afterCursor = after.map(a -> FEATURE_GRANT.FEATURE_ID.gt(a.featureId().value())
                        .or(FEATURE_GRANT.FEATURE_ID.eq(a.featureId().value()).and(action.gt(DSL.val(a.action()).collate("C")))))
                .orElse(DSL.noCondition());
        return ctx.read(sql -> {
            Access access = access(sql, user);
            return Page.fromOverfetch(access.with(sql)
                .select(FEATURE_GRANT.FEATURE_ID, FEATURE_GRANT.ACTION)
                .from(FEATURE_GRANT)
                .where(FEATURE_GRANT.ORG_ID.eq(access.org), access.open, afterCursor,
                        FEATURE_GRANT.ROLE_ID.in(access.roles()),
                        FEATURE_GRANT.FEATURE_ID.in(DSL.select(MODULE_FEATURE.FEATURE_ID).from(MODULE_FEATURE)
                                .where(MODULE_FEATURE.MODULE_ID.in(access.modules()))))
                .groupBy(FEATURE_GRANT.FEATURE_ID, FEATURE_GRANT.ACTION)
                .having(DSL.boolAnd(FEATURE_GRANT.EFFECT.eq(DSL.inline(ALLOW))))
                .orderBy(FEATURE_GRANT.FEATURE_ID, action)
                .limit(page.limit() + 1)
                .fetch(r -> new Permission(new FeatureId(r.value1()), r.value2())), page.limit(), PageRequest::cursorOf);
        });
    }

    @Override
    public Page<ViewId> viewsOf(UserId user, PageRequest page) {
        Validate.notNull("userId", user);
        Validate.notNull("page", page);
        Optional<UUID> after = page.afterUuid();
        return ctx.read(sql -> {
            Access access = access(sql, user);
            return Page.fromOverfetch(access.with(sql)
                .select(VIEW_GRANT.VIEW_ID)
                .from(VIEW_GRANT)
                .where(VIEW_GRANT.ORG_ID.eq(access.org), access.open, after.map(VIEW_GRANT.VIEW_ID::gt).orElse(DSL.noCondition()),
                        VIEW_GRANT.ROLE_ID.in(access.roles()),
                        VIEW_GRANT.VIEW_ID.in(DSL.select(MODULE_VIEW.VIEW_ID).from(MODULE_VIEW)
                                .where(MODULE_VIEW.MODULE_ID.in(access.modules()))))
                .groupBy(VIEW_GRANT.VIEW_ID)
                .having(DSL.boolAnd(VIEW_GRANT.EFFECT.eq(DSL.inline(ALLOW))))
                .orderBy(VIEW_GRANT.VIEW_ID)
                .limit(page.limit() + 1)
                .fetch(r -> new ViewId(r.value1())), page.limit(), ViewId::toString);
        });
    }

    // ---- who may ----------------------------------------------------------------------------

    /** {@code holders(role_id, effect)}: the granting roles of {@code grants}, then every role that includes one, transitively. */
    private static CommonTableExpression<Record2<UUID, String>> holders(UUID org, Select<Record2<UUID, String>> grants) {
        Name name = DSL.name("holders");
        Field<UUID> walkedRole = DSL.field(DSL.name("holders", "role_id"), SQLDataType.UUID);
        Field<String> walkedEffect = DSL.field(DSL.name("holders", "effect"), SQLDataType.CLOB);
        // UNION (not ALL) keeps each (role, effect) once, so the walk ends
        return name.fields("role_id", "effect").as(grants.union(DSL.select(ROLE_INCLUSION.ROLE_ID, walkedEffect)
                .from(DSL.table(name))
                .join(ROLE_INCLUSION).on(ROLE_INCLUSION.ORG_ID.eq(org), ROLE_INCLUSION.INCLUDED_ROLE_ID.eq(walkedRole))));
    }

    /**
     * The page of active members after the cursor whom the roles of {@code grants} (role, effect)
     * allow and none denies, when rule 1 holds and {@code applies} to the usable modules (rule 3).
     */
    private Page<UserId> users(PageRequest page, Function<Select<Record1<UUID>>, Condition> applies, Select<Record2<UUID, String>> grants) {
        Optional<UUID> after = page.afterUuid();
        int limit = page.limit();
        UUID org = ctx.org.value();
        OffsetDateTime now = Times.db(ctx.now());
        CommonTableExpression<Record1<UUID>> usable = AccessSql.usableModules(org, now, DSL.noCondition());
        CommonTableExpression<Record2<UUID, String>> holders = holders(org, grants);
        Condition rule3 = applies.apply(DSL.select(usable.field(0, UUID.class)).from(usable));
        Condition qualifies = DSL.and(MEMBERSHIP.ORG_ID.eq(org), MEMBERSHIP.STATUS.eq(DSL.inline(ACTIVE)), AccessSql.organizationOpen(org), rule3,
                reaches(org, holders, ALLOW, now), DSL.not(reaches(org, holders, DENY, now)));
        if (ctx.onCitus()) {
            return ctx.read(sql -> activeOnCitus(sql, from -> sql.withRecursive(usable).with(holders).select(MEMBERSHIP.USER_ID).from(MEMBERSHIP)
                    .where(qualifies, from).orderBy(MEMBERSHIP.USER_ID).limit(limit + 1), after, limit));
        }
        return ctx.read(sql -> Page.fromOverfetch(sql.withRecursive(usable).with(holders)
                .select(MEMBERSHIP.USER_ID)
                .from(MEMBERSHIP)
                .join(APP_USER).on(APP_USER.ID.eq(MEMBERSHIP.USER_ID))
                .where(qualifies, APP_USER.DELETED_AT.isNull(), APP_USER.STATUS.eq(DSL.inline(ACTIVE)),
                        after.map(MEMBERSHIP.USER_ID::gt).orElse(DSL.noCondition()))
                .orderBy(MEMBERSHIP.USER_ID)
                .limit(limit + 1)
                .fetch(r -> new UserId(r.value1())), limit, UserId::toString));
    }

    /**
     * On Citus the members' user rows are read apart ({@link AccessSql#userActive(DSLContext, UUID, boolean)}): the
     * qualifying members after the cursor, a batch at a time, and of each batch the users who are active, by a statement
     * of their own, until the page and one more are found or the members run out.
     */
    private static Page<UserId> activeOnCitus(DSLContext sql, Function<Condition, org.jooq.ResultQuery<Record1<UUID>>> members,
            Optional<UUID> after, int limit) {
        java.util.List<UserId> found = new java.util.ArrayList<>();
        UUID cursor = after.orElse(null);
        while (found.size() <= limit) {
            java.util.List<UUID> batch = members.apply(cursor == null ? DSL.noCondition() : MEMBERSHIP.USER_ID.gt(cursor)).fetch(Record1::value1);
            if (batch.isEmpty()) {
                break;
            }
            java.util.Set<UUID> active = new java.util.HashSet<>(sql.select(APP_USER.ID).from(APP_USER)
                    .where(APP_USER.ID.in(batch), APP_USER.DELETED_AT.isNull(), APP_USER.STATUS.eq(DSL.inline(ACTIVE)))
                    .fetch(Record1::value1));
            for (UUID u : batch) {
                if (active.contains(u) && found.size() <= limit) {
                    found.add(new UserId(u));
                }
            }
            cursor = batch.get(batch.size() - 1);
            if (batch.size() <= limit) {
                break;
            }
        }
        return Page.fromOverfetch(found, limit, UserId::toString);
    }

    /** Whether an unexpired assignment of the member, direct or through a team, is of a holder with {@code effect}. */
    private static Condition reaches(UUID org, CommonTableExpression<Record2<UUID, String>> holders, String effect, OffsetDateTime now) {
        var holding = DSL.select(holders.field("role_id", UUID.class)).from(holders)
                .where(holders.field("effect", String.class).eq(DSL.inline(effect)));
        return DSL.exists(DSL.selectOne().from(USER_ASSIGNMENT)
                        .where(USER_ASSIGNMENT.ORG_ID.eq(org), USER_ASSIGNMENT.USER_ID.eq(MEMBERSHIP.USER_ID),
                                unexpired(USER_ASSIGNMENT.EXPIRES_AT, now), USER_ASSIGNMENT.ROLE_ID.in(holding)))
                .or(DSL.exists(DSL.selectOne().from(TEAM_MEMBER)
                        .join(TEAM_ASSIGNMENT).on(TEAM_ASSIGNMENT.ORG_ID.eq(TEAM_MEMBER.ORG_ID), TEAM_ASSIGNMENT.TEAM_ID.eq(TEAM_MEMBER.TEAM_ID))
                        .where(TEAM_MEMBER.ORG_ID.eq(org), TEAM_MEMBER.USER_ID.eq(MEMBERSHIP.USER_ID),
                                unexpired(TEAM_ASSIGNMENT.EXPIRES_AT, now), TEAM_ASSIGNMENT.ROLE_ID.in(holding))));
    }

    // ---- what may ---------------------------------------------------------------------------

    private Access access(DSLContext sql, UserId user) {
        UUID org = ctx.org.value();
        OffsetDateTime now = Times.db(ctx.now());
        Condition open = AccessSql.open(org, user.value(), AccessSql.userActive(sql, user.value(), ctx.onCitus()));
        return new Access(org, open, AccessSql.usableModules(org, now, DSL.noCondition()),
                AccessSql.reachedRoles(org, user.value(), now, DSL.noCondition()));
    }

    /** Rules 1 and 2 as one condition, and the CTEs of rules 3 and 4 for one user. */
    private record Access(UUID org, Condition open, CommonTableExpression<Record1<UUID>> usable,
                          CommonTableExpression<Record1<UUID>> routes) {
        WithStep with(DSLContext sql) {
            return sql.withRecursive(usable).with(routes);
        }

        Select<Record1<UUID>> modules() {
            return DSL.select(usable.field(0, UUID.class)).from(usable);
        }

        Select<Record1<UUID>> roles() {
            return DSL.select(routes.field(0, UUID.class)).from(routes);
        }
    }
}
