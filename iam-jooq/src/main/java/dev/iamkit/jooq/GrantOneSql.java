package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.CATALOG_VIEW;
import static dev.iamkit.jooq.generated.Tables.FEATURE;
import static dev.iamkit.jooq.generated.Tables.FEATURE_ACTION;
import static dev.iamkit.jooq.generated.Tables.FEATURE_GRANT;
import static dev.iamkit.jooq.generated.Tables.ORG_COUNTER;
import static dev.iamkit.jooq.generated.Tables.ROLE;
import static dev.iamkit.jooq.generated.Tables.VIEW_GRANT;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The statements of a grant and a revocation of one feature grant or view grant, rendered once per
 * store ({@link Rendered}). Each is one exchange: the role locked ({@link AssignmentSql#lockRole}),
 * then a statement whose snapshot is taken once the role is held, which reads what the write
 * decides on and writes only what it decides, moving the counter when it writes.
 */
final class GrantOneSql {
    /**
     * What a grant returned: whether the role exists, whether the feature or view exists, the
     * feature's code and whether it has the action (a view's: null and true), the grant held before
     * (effect null: none), and the counters (null: nothing was written: something was missing, or
     * the grant was held with the same effect).
     */
    record Granted(boolean roleFound, boolean found, String code, boolean hasAction, String oldEffect, String oldBy, OffsetDateTime oldAt,
            TenantContext.Counters counters) {
    }

    /** What a revocation returned: whether the role exists, the grant removed (effect null: none), and the counters then. */
    record Revoked(boolean roleFound, String effect, String grantedBy, OffsetDateTime grantedAt, TenantContext.Counters counters) {
    }

    private final Rendered grant;
    private final Rendered revoke;
    private final Rendered grantView;
    private final Rendered revokeView;

    GrantOneSql(Settings settings) {
        this.grant = Rendered.sequence(settings, new String[] {"org", "role", "feature", "action", "effect", "by", "at", "reach"},
                AssignmentSql.lockRole(), grant());
        this.revoke = Rendered.sequence(settings, new String[] {"org", "role", "feature", "action", "reach"}, AssignmentSql.lockRole(), revoke());
        this.grantView = Rendered.sequence(settings, new String[] {"org", "role", "view", "effect", "by", "at", "reach"}, AssignmentSql.lockRole(), grantView());
        this.revokeView = Rendered.sequence(settings, new String[] {"org", "role", "view", "reach"}, AssignmentSql.lockRole(), revokeView());
    }

    private static org.jooq.InsertResultStep<org.jooq.Record3<Long, Long, byte[]>> counter() {
        return TenantContext.countIfAny(TenantContext.counterColumns(DSL.insertInto(ORG_COUNTER)), DSL.name("change"), uuid("org"),
                DSL.param("reach", SQLDataType.CLOB));
    }

    private static Field<UUID> uuid(String name) {
        return DSL.param(name, SQLDataType.UUID);
    }

    /**
     * Whether the role, the feature and its action exist and the grant held before, read; the grant
     * upserted only when all exist and it is not held with the same effect; the counter moved when
     * it was. The values of the upsert's SELECT list are typed, as a distributed planner may plan it
     * apart (Citus).
     */
    private static Query grant() {
        return DSL.resultQuery("""
                with found as (select exists (select 1 from {0} r where r.org_id = {4} and r.id = {5}) as role_found,
                                      (select f.code from {1} f where f.id = {6}) as code,
                                      exists (select 1 from {2} a where a.feature_id = {6} and a.action = {7}) as has_action),
                     old as (select g.effect, g.granted_by, g.granted_at from {3} g
                              where g.org_id = {4} and g.role_id = {5} and g.feature_id = {6} and g.action = {7}),
                     change as (insert into {3} (org_id, role_id, feature_id, action, effect, granted_by, granted_at)
                                select {4}, {5}, {6}, cast({7} as text), cast({8} as text), cast({9} as text), {10} from found
                                 where found.role_found and found.has_action and not exists (select 1 from old where old.effect = {8})
                                on conflict (org_id, role_id, feature_id, action)
                                do update set effect = excluded.effect, granted_by = excluded.granted_by, granted_at = excluded.granted_at
                                returning org_id),
                     counter as ({11})
                select c.audit_seq, c.revision, c.previous_link, o.effect, o.granted_by, o.granted_at, f.role_found, f.code is not null,
                       f.code, f.has_action
                  from found f left join counter c on true left join old o on true""",
                ROLE, FEATURE, FEATURE_ACTION, FEATURE_GRANT, uuid("org"), uuid("role"), uuid("feature"), DSL.param("action", SQLDataType.CLOB),
                DSL.param("effect", SQLDataType.CLOB), DSL.param("by", SQLDataType.CLOB), DSL.param("at", FEATURE_GRANT.GRANTED_AT.getDataType()),
                counter());
    }

    /** {@link #grant()} for a view grant: the role and the view looked up, the grant held read, upserted unless held so. */
    private static Query grantView() {
        return DSL.resultQuery("""
                with found as (select exists (select 1 from {0} r where r.org_id = {3} and r.id = {4}) as role_found,
                                      exists (select 1 from {1} v where v.id = {5}) as view_found),
                     old as (select g.effect, g.granted_by, g.granted_at from {2} g where g.org_id = {3} and g.role_id = {4} and g.view_id = {5}),
                     change as (insert into {2} (org_id, role_id, view_id, effect, granted_by, granted_at)
                                select {3}, {4}, {5}, cast({6} as text), cast({7} as text), {8} from found
                                 where found.role_found and found.view_found and not exists (select 1 from old where old.effect = {6})
                                on conflict (org_id, role_id, view_id)
                                do update set effect = excluded.effect, granted_by = excluded.granted_by, granted_at = excluded.granted_at
                                returning org_id),
                     counter as ({9})
                select c.audit_seq, c.revision, c.previous_link, o.effect, o.granted_by, o.granted_at, f.role_found, f.view_found,
                       null::text, true
                  from found f left join counter c on true left join old o on true""",
                ROLE, CATALOG_VIEW, VIEW_GRANT, uuid("org"), uuid("role"), uuid("view"), DSL.param("effect", SQLDataType.CLOB),
                DSL.param("by", SQLDataType.CLOB), DSL.param("at", VIEW_GRANT.GRANTED_AT.getDataType()), counter());
    }

    /** Whether the role exists, the feature grant deleted and, when there was one, the counter moved. */
    private static Query revoke() {
        return revokeFrom(FEATURE_GRANT, DSL.condition("t.feature_id = {0} and t.action = {1}", uuid("feature"), DSL.param("action", SQLDataType.CLOB)));
    }

    /** {@link #revoke()} for a view grant. */
    private static Query revokeView() {
        return revokeFrom(VIEW_GRANT, DSL.condition("t.view_id = {0}", uuid("view")));
    }

    /** The role's grant of {@code table} (aliased {@code t}) that {@code which} picks, deleted; the counter moved when there was one. */
    private static Query revokeFrom(org.jooq.Table<?> table, org.jooq.Condition which) {
        return DSL.resultQuery("""
                with change as (delete from {0} t where t.org_id = {2} and t.role_id = {3} and {4}
                                returning t.effect, t.granted_by, t.granted_at),
                     counter as ({5})
                select exists (select 1 from {1} r where r.org_id = {2} and r.id = {3}), d.effect, d.granted_by, d.granted_at,
                       c.audit_seq, c.revision, c.previous_link
                  from (select) one left join change d on true left join counter c on true""",
                table, ROLE, uuid("org"), uuid("role"), which, counter());
    }

    Granted grant(Connection c, UUID org, UUID role, UUID feature, String action, String effect, String by, OffsetDateTime at, String reach)
            throws SQLException {
        return grant.queryLast(c, GrantOneSql::granted, org, role, feature, action, effect, by, at, reach);
    }

    Granted grantView(Connection c, UUID org, UUID role, UUID view, String effect, String by, OffsetDateTime at, String reach)
            throws SQLException {
        return grantView.queryLast(c, GrantOneSql::granted, org, role, view, effect, by, at, reach);
    }

    Revoked revoke(Connection c, UUID org, UUID role, UUID feature, String action, String reach) throws SQLException {
        return revoke.queryLast(c, GrantOneSql::revoked, org, role, feature, action, reach);
    }

    Revoked revokeView(Connection c, UUID org, UUID role, UUID view, String reach) throws SQLException {
        return revokeView.queryLast(c, GrantOneSql::revoked, org, role, view, reach);
    }

    private static Granted granted(java.sql.ResultSet rs) throws SQLException {
        if (!rs.next()) {
            throw new SQLException("the grant statement returned no row");
        }
        TenantContext.Counters counters = TenantContext.Counters.read(rs, 1);
        return new Granted(rs.getBoolean(7), rs.getBoolean(8), rs.getString(9), rs.getBoolean(10), rs.getString(4), rs.getString(5),
                rs.getObject(6, OffsetDateTime.class), counters);
    }

    private static Revoked revoked(java.sql.ResultSet rs) throws SQLException {
        if (!rs.next()) {
            throw new SQLException("the revocation statement returned no row");
        }
        TenantContext.Counters counters = TenantContext.Counters.read(rs, 5);
        return new Revoked(rs.getBoolean(1), rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class), counters);
    }
}
