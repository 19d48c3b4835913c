package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.AUDIT_EVENT;
import static dev.iamkit.jooq.generated.Tables.FEATURE_GRANT;
import static dev.iamkit.jooq.generated.Tables.GLOBAL_COUNTER;
import static dev.iamkit.jooq.generated.Tables.ORG_COUNTER;
import static dev.iamkit.jooq.generated.Tables.ROLE;
import static dev.iamkit.jooq.generated.Tables.ROLE_ACCESS;
import static dev.iamkit.jooq.generated.Tables.VIEW_GRANT;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The statement every audited write ends with, rendered once per store ({@link Rendered}): it
 * inserts the event and records its link as the counter's tail; for a change of a role's grants it
 * also rewrites the role's folded grants ({@code role_access}, V25) from the grants as the
 * transaction's earlier statements left them, in a data-modifying CTE (which runs whether or not
 * the statement reads it). Written out here rather than through V25's {@code refresh_role_access}:
 * Citus cannot plan a write whose rows come from a function, and plans this one for the
 * organization's shard (every table is filtered by its {@code org_id}).
 */
final class AuditAppend {
    private static final String[] NAMES = {"org", "seq", "link", "id", "at", "actor", "action", "target_type", "target_id", "before",
        "after", "ip", "user_agent", "key_id", "refold"};
    private final Rendered plain;
    private final Rendered refolding;

    AuditAppend(Settings settings) {
        this.plain = Rendered.of(settings, statement(false), java.util.Arrays.copyOf(NAMES, NAMES.length - 1));
        this.refolding = Rendered.of(settings, statement(true), NAMES);
    }

    /** The folded grants of roles {@code roles} of {@code org} written over their rows (as V25's {@code refresh_role_access}). */
    static CommonTableExpression<Record> refold(Field<UUID> org, Field<UUID[]> roles) {
        return DSL.name("refold").as(refoldQuery(org, roles));
    }

    /**
     * The refold as Citus needs it, in two statements: the folded rows read (one shard), then
     * written as rows of VALUES (one shard). In one statement, Citus runs an INSERT whose rows come
     * from a SELECT it cannot push down by inserting them into every shard of the table, and an
     * INSERT with CTEs a CTE at a time: every shard was locked until commit, and other
     * organizations' grant writes waited
     * ({@code CitusDistributionTest.repeatedWritesStayOnOneShardWhenTheServerKeepsTheirPlans}).
     */
    static void refoldApart(DSLContext sql, UUID org, Field<UUID[]> roles) {
        org.jooq.Result<Record> rows = sql.fetch(FOLD, ROLE_ACCESS, GLOBAL_COUNTER, ROLE, FEATURE_GRANT, VIEW_GRANT, DSL.val(org), roles);
        if (rows.isEmpty()) {
            return;
        }
        var insert = sql.insertInto(ROLE_ACCESS, ROLE_ACCESS.ORG_ID, ROLE_ACCESS.ROLE_ID, ROLE_ACCESS.EPOCH, ROLE_ACCESS.ALLOW_FEATURES,
                ROLE_ACCESS.ALLOW_ACTIONS, ROLE_ACCESS.DENY_FEATURES, ROLE_ACCESS.DENY_ACTIONS, ROLE_ACCESS.ALLOW_VIEWS, ROLE_ACCESS.DENY_VIEWS);
        for (Record r : rows) {
            insert = insert.values(r.get(0, UUID.class), r.get(1, UUID.class), r.get(2, ROLE_ACCESS.EPOCH.getType()),
                    r.get(3, UUID[].class), r.get(4, String[].class), r.get(5, UUID[].class), r.get(6, String[].class),
                    r.get(7, UUID[].class), r.get(8, UUID[].class));
        }
        insert.onConflict(ROLE_ACCESS.ORG_ID, ROLE_ACCESS.ROLE_ID).doUpdate()
                .set(ROLE_ACCESS.EPOCH, DSL.excluded(ROLE_ACCESS.EPOCH))
                .set(ROLE_ACCESS.ALLOW_FEATURES, DSL.excluded(ROLE_ACCESS.ALLOW_FEATURES))
                .set(ROLE_ACCESS.ALLOW_ACTIONS, DSL.excluded(ROLE_ACCESS.ALLOW_ACTIONS))
                .set(ROLE_ACCESS.DENY_FEATURES, DSL.excluded(ROLE_ACCESS.DENY_FEATURES))
                .set(ROLE_ACCESS.DENY_ACTIONS, DSL.excluded(ROLE_ACCESS.DENY_ACTIONS))
                .set(ROLE_ACCESS.ALLOW_VIEWS, DSL.excluded(ROLE_ACCESS.ALLOW_VIEWS))
                .set(ROLE_ACCESS.DENY_VIEWS, DSL.excluded(ROLE_ACCESS.DENY_VIEWS))
                .execute();
    }

    /** The folded rows of roles {6} of organization {5}: {0} role_access (unused here), {1} global_counter, {2} role, {3} feature_grant, {4} view_grant. */
    private static final String FOLD = """
                select r.org_id, r.id, (select gc.catalog_epoch from {1} gc),
                       coalesce(f.af, ARRAY[]::uuid[]), coalesce(f.aa, ARRAY[]::text[]), coalesce(f.df, ARRAY[]::uuid[]), coalesce(f.da, ARRAY[]::text[]),
                       coalesce(v.av, ARRAY[]::uuid[]), coalesce(v.dv, ARRAY[]::uuid[])
                  from {2} r
                  left join lateral (
                        select array_agg(g.feature_id order by g.feature_id, g.action) filter (where g.effect = 'ALLOW') as af,
                               array_agg(g.action order by g.feature_id, g.action) filter (where g.effect = 'ALLOW') as aa,
                               array_agg(g.feature_id order by g.feature_id, g.action) filter (where g.effect = 'DENY') as df,
                               array_agg(g.action order by g.feature_id, g.action) filter (where g.effect = 'DENY') as da
                          from {3} g
                         where g.org_id = {5} and g.org_id = r.org_id and g.role_id = r.id) f on true
                  left join lateral (
                        select array_agg(g.view_id order by g.view_id) filter (where g.effect = 'ALLOW') as av,
                               array_agg(g.view_id order by g.view_id) filter (where g.effect = 'DENY') as dv
                          from {4} g
                         where g.org_id = {5} and g.org_id = r.org_id and g.role_id = r.id) v on true
                 where r.org_id = {5} and r.id = any ({6})""";

    private static org.jooq.ResultQuery<Record> refoldQuery(Field<UUID> org, Field<UUID[]> roles) {
        return DSL.resultQuery("insert into {0} as a (org_id, role_id, epoch, allow_features, allow_actions, deny_features, deny_actions,"
                + " allow_views, deny_views)\n" + FOLD + """

                on conflict (org_id, role_id) do update
                   set epoch = excluded.epoch, allow_features = excluded.allow_features, allow_actions = excluded.allow_actions,
                       deny_features = excluded.deny_features, deny_actions = excluded.deny_actions,
                       allow_views = excluded.allow_views, deny_views = excluded.deny_views
                returning a.role_id""", ROLE_ACCESS, GLOBAL_COUNTER, ROLE, FEATURE_GRANT, VIEW_GRANT, org, roles);
    }

    private static Query statement(boolean refold) {
        Field<UUID> org = DSL.param("org", SQLDataType.UUID);
        Field<Long> seq = DSL.param("seq", SQLDataType.BIGINT);
        Field<byte[]> link = DSL.param("link", SQLDataType.BLOB);
        var tail = DSL.name("tail").as(DSL.update(ORG_COUNTER).set(ORG_COUNTER.AUDIT_LINK, link).set(ORG_COUNTER.AUDIT_LINK_SEQ, seq)
                .where(ORG_COUNTER.ORG_ID.eq(org))
                .returningResult(ORG_COUNTER.ORG_ID));
        var with = refold ? DSL.with(refold(org, DSL.param("refold", SQLDataType.UUID.array()))).with(tail) : DSL.with(tail);
        return with.insertInto(AUDIT_EVENT)
                .set(AUDIT_EVENT.ORG_ID, org)
                .set(AUDIT_EVENT.SEQ, seq)
                .set(AUDIT_EVENT.ID, DSL.param("id", SQLDataType.UUID))
                .set(AUDIT_EVENT.AT, DSL.param("at", AUDIT_EVENT.AT.getDataType()))
                .set(AUDIT_EVENT.ACTOR, DSL.param("actor", SQLDataType.CLOB))
                .set(AUDIT_EVENT.ACTION, DSL.param("action", SQLDataType.CLOB))
                .set(AUDIT_EVENT.TARGET_TYPE, DSL.param("target_type", SQLDataType.CLOB))
                .set(AUDIT_EVENT.TARGET_ID, DSL.param("target_id", SQLDataType.CLOB))
                .set(AUDIT_EVENT.BEFORE, DSL.param("before", AUDIT_EVENT.BEFORE.getDataType()))
                .set(AUDIT_EVENT.AFTER, DSL.param("after", AUDIT_EVENT.AFTER.getDataType()))
                .set(AUDIT_EVENT.IP, DSL.param("ip", SQLDataType.CLOB))
                .set(AUDIT_EVENT.USER_AGENT, DSL.param("user_agent", SQLDataType.CLOB))
                .set(AUDIT_EVENT.LINK, link)
                .set(AUDIT_EVENT.KEY_ID, DSL.param("key_id", AUDIT_EVENT.KEY_ID.getDataType()));
    }

    /**
     * Appends one event through {@code sql}'s connection; {@code refold}: the role whose folded
     * grants to rewrite, or null; {@code citus}: the refold is a statement of its own ({@link #refoldApart}).
     * In a transaction the store commits itself, the append is held back to go with the commit
     * ({@link TransactionExchange}): it is the last statement of the write.
     */
    void append(DSLContext sql, boolean citus, UUID org, long seq, byte[] link, UUID id, OffsetDateTime at, String actor, String action,
            String targetType, String targetId, String before, String after, String ip, String userAgent, String keyId, UUID refold) {
        if (refold != null && citus) {
            refoldApart(sql, org, DSL.val(new UUID[] {refold}));
            refold = null;
        }
        Rendered.Bound statement = refold == null
                ? plain.bound(org, seq, link, id, at, actor, action, targetType, targetId, before, after, ip, userAgent, keyId)
                : refolding.bound(org, seq, link, id, at, actor, action, targetType, targetId, before, after, ip, userAgent, keyId,
                        new UUID[] {refold});
        sql.connectionResult(c -> c instanceof TransactionExchange.Holding h && h.hold(statement) ? 0 : statement.execute(c));
    }
}
