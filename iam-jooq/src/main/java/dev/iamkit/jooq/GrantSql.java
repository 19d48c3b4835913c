package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.FEATURE;
import static dev.iamkit.jooq.generated.Tables.FEATURE_GRANT;
import static dev.iamkit.jooq.generated.Tables.ORG_COUNTER;
import static dev.iamkit.jooq.generated.Tables.ROLE;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** The statements of a replacement of a role's grants, rendered once per store ({@link Rendered}). */
final class GrantSql {
    /** A row of the role's lock: the feature (null when none of the named ones exists), its code and its actions. */
    record FeatureRow(UUID feature, String code, List<String> actions) {
    }

    /** A grant the role held before the replacement. */
    record Old(UUID feature, String action, String effect, String grantedBy, OffsetDateTime grantedAt) {
    }

    /** What the replacement returned: the counters (null: nothing changed), and the grants as they were. */
    record Replaced(TenantContext.Counters counters, List<Old> before) {
    }

    private final Rendered lock;
    private final Rendered replace;
    private final Rendered replaceOnCitus;

    GrantSql(Settings settings) {
        this.lock = Rendered.of(settings, lock(), "org", "role", "features");
        this.replace = Rendered.of(settings, replace(false), "features", "actions", "effects", "org", "role", "by", "at", "reach");
        this.replaceOnCitus = Rendered.of(settings, replace(true), "features", "actions", "effects", "org", "role", "by", "at", "reach", "touch");
    }

    /**
     * The role's row, locked, outer-joined to the features named (unknown features are absent),
     * one row per feature with its actions as an array. Each feature's actions are read by its key:
     * joined to the features instead, the plan the server keeps hashed them and read every action
     * of the catalog, so a replacement cost as much as the catalog was large.
     *
     * <p>The array of features is read through a sub-select, {@code = any((select $1))}: the
     * planner then estimates it the same (ten elements) whether it knows the value or not, so the
     * server keeps its generic plan. With the value in sight, a plan made for one feature looked
     * five times cheaper than the generic one, and the server planned the statement again at every
     * replacement: 0.22 ms of a 10-grant replacement's server time, against 0.04 ms to run it.
     */
    private static Query lock() {
        Field<UUID[]> features = DSL.field(DSL.select(DSL.param("features", SQLDataType.UUID.array()))).cast(SQLDataType.UUID.array());
        var named = DSL.select(FEATURE.ID, FEATURE.CODE, JooqFeatureStore.ACTIONS)
                .from(FEATURE)
                .where(FEATURE.ID.eq(DSL.any(features)))
                .asTable("named");
        return DSL.select(ROLE.ID, named.field(FEATURE.ID), named.field(FEATURE.CODE), named.field(JooqFeatureStore.ACTIONS))
                .from(ROLE)
                .leftJoin(named).on(DSL.trueCondition())
                .where(ROLE.ORG_ID.eq(DSL.param("org", SQLDataType.UUID)), ROLE.ID.eq(DSL.param("role", SQLDataType.UUID)))
                .forNoKeyUpdate().of(ROLE);
    }

    /**
     * One statement: the role's grants as they were (for the audit and for the grants that stay),
     * the ones not in the new set deleted, the ones whose effect changes updated in place (their
     * key, and so their foreign keys and indexes, unchanged), and only the new ones inserted and
     * their foreign keys checked. A grant that stays with its effect is not touched: it keeps who
     * granted it and when, as {@code grant} of a stored grant does. Every comparison of the role's
     * grants with the new set is a NOT IN, which PostgreSQL hashes whatever the plan's guess of
     * the sets' sizes: an anti join planned for ten rows compares every pair of a thousand, and so
     * did an UPDATE joined to the new set under the plan the server kept once a role held ten
     * grants (150 ms for 1000 grants), and so does an IN in a WHERE, which the planner turns into
     * a semi join (168 ms for 1000 grants replaced by 1000 others). All parts see the table as it was before the
     * statement, so they touch disjoint rows; the role's lock, held by every writer of its grants,
     * keeps it so until commit. The same statement moves the organization's counter for the audit
     * event, only when the new set differs from the old one ({@code changes}, decided from
     * {@code old} and {@code wanted}, not from the writing parts): a replacement that changes
     * nothing moves nothing, its writing parts skip their scans, and it returns a row with null
     * counters. The statement reads the counter's CTE, so the counter
     * is locked before the grant rows are written: only holders of the role's lock write those
     * rows, so no writer can hold one while waiting for the counter.
     *
     * <p>On Citus ({@code citus}) the grants to write are one upsert: Citus runs an INSERT whose
     * rows come from a query by copying them into the shard, which row level security refuses, but
     * not an upsert. There the statement's CTEs run as steps of their own, so the caller reads the
     * old grants first (the role's lock keeps them so), decides what changes, calls the statement
     * only when something does, and marks the grants to write ({@code touch}); the statement then
     * reads no old grants and returns the counters alone. Elsewhere the upsert
     * costs more: it locks each row it updates before updating it and confirms each row it
     * inserts, one more record to the log per grant.
     */
    private static Query replace(boolean citus) {
        Field<UUID> org = DSL.param("org", SQLDataType.UUID);
        Field<String> reach = DSL.param("reach", SQLDataType.CLOB);
        String write = citus ? """
                        removed as (delete from {3} t where t.org_id = {4} and t.role_id = {5}
                                and (t.feature_id, t.action) not in (select w.feature_id, w.action from wanted w)),
                        upserted as (insert into {3} (org_id, role_id, feature_id, action, effect, granted_by, granted_at)
                                select {4}, {5}, w.feature_id, w.action, w.effect, {6}, {7} from wanted w where w.touch
                                on conflict (org_id, role_id, feature_id, action)
                                do update set effect = excluded.effect, granted_by = excluded.granted_by, granted_at = excluded.granted_at),
                """ : """
                        changes as (select exists (select 1 from wanted w
                                                    where (w.feature_id, w.action, w.effect) not in (select o.feature_id, o.action, o.effect from old o))
                                            or exists (select 1 from old o
                                                    where (o.feature_id, o.action) not in (select w.feature_id, w.action from wanted w)) as changed),
                        removed as (delete from {3} t where t.org_id = {4} and t.role_id = {5} and (select c.changed from changes c)
                                and (t.feature_id, t.action) not in (select w.feature_id, w.action from wanted w)
                                returning t.feature_id, t.action),
                        flipped as (update {3} t
                                set effect = case when t.effect = 'DENY' then 'ALLOW' else 'DENY' end, granted_by = {6}, granted_at = {7}
                                where t.org_id = {4} and t.role_id = {5} and (select c.changed from changes c)
                                  and (t.feature_id, t.action, t.effect) not in (select w.feature_id, w.action, w.effect from wanted w)
                                  and (t.feature_id, t.action) not in (select r.feature_id, r.action from removed r)),
                        added as (insert into {3} (org_id, role_id, feature_id, action, effect, granted_by, granted_at)
                                select {4}, {5}, w.feature_id, w.action, w.effect, {6}, {7} from wanted w
                                 where (select c.changed from changes c) and (w.feature_id, w.action) not in (select o.feature_id, o.action from old o)),
                """;
        var counter = citus
                ? TenantContext.countOne(TenantContext.counterColumns(DSL.insertInto(ORG_COUNTER)), org, reach)
                : TenantContext.countIf(TenantContext.counterColumns(DSL.insertInto(ORG_COUNTER)), DSL.condition("(select c.changed from changes c)"),
                        org, reach);
        String wanted = citus
                ? "with wanted(feature_id, action, effect, touch) as (select * from unnest({0}, {1}, {2}, {9})),\n"
                : "with wanted(feature_id, action, effect) as (select * from unnest({0}, {1}, {2})),\n";
        // on Citus the caller has read the old grants already: the statement returns the counters alone, in the same columns
        String old = citus ? "" : """
                        old as (select feature_id, action, effect, granted_by, granted_at from {3} where org_id = {4} and role_id = {5}),
                        """;
        String result = citus ? """
                        select c.audit_seq, c.revision, c.previous_link, null::uuid, null::text, null::text, null::text, null::timestamptz
                          from (select) one left join counter c on true"""
                : """
                        select c.audit_seq, c.revision, c.previous_link, o.feature_id, o.action, o.effect, o.granted_by, o.granted_at
                          from (select) one left join counter c on true left join old o on true""";
        return DSL.resultQuery(wanted + old + write + """
                        counter as ({8})
                        """ + result,
                DSL.param("features", SQLDataType.UUID.array()), DSL.param("actions", SQLDataType.CLOB.array()),
                DSL.param("effects", SQLDataType.CLOB.array()), FEATURE_GRANT, org, DSL.param("role", SQLDataType.UUID),
                DSL.param("by", SQLDataType.CLOB), DSL.param("at", FEATURE_GRANT.GRANTED_AT.getDataType()), counter,
                DSL.param("touch", SQLDataType.BOOLEAN.array()));
    }

    /** The rows of the role's lock; none: no such role. */
    List<FeatureRow> lock(Connection c, UUID org, UUID role, UUID[] features) throws SQLException {
        return lock.query(c, rs -> {
            List<FeatureRow> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(new FeatureRow(rs.getObject(2, UUID.class), rs.getString(3), List.of(ArrayText.texts(rs, 4))));
            }
            return rows;
        }, org, role, features);
    }

    /**
     * Runs the replacement; {@code touch}: on Citus, which grants to write (null elsewhere). The
     * counters are null when the replacement changed nothing.
     */
    Replaced replace(Connection c, boolean citus, UUID[] features, String[] actions, String[] effects, Boolean[] touch, UUID org, UUID role,
            String by, OffsetDateTime at, String reach) throws SQLException {
        Rendered.Reader<Replaced> read = rs -> {
            TenantContext.Counters counters = null;
            boolean any = false;
            List<Old> before = new ArrayList<>();
            while (rs.next()) {
                any = true;
                if (counters == null) {
                    counters = TenantContext.Counters.read(rs, 1);
                }
                UUID feature = rs.getObject(4, UUID.class);
                if (feature != null) {
                    before.add(new Old(feature, rs.getString(5), rs.getString(6), rs.getString(7), rs.getObject(8, OffsetDateTime.class)));
                }
            }
            if (!any) {
                throw new SQLException("the replacement of grants returned no row");
            }
            return new Replaced(counters, before);
        };
        return citus
                ? replaceOnCitus.query(c, read, features, actions, effects, org, role, by, at, reach, touch)
                : replace.query(c, read, features, actions, effects, org, role, by, at, reach);
    }
}
