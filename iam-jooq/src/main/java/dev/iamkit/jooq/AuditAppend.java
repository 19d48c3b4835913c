package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.AUDIT_EVENT;
import static dev.iamkit.jooq.generated.Tables.ORG_COUNTER;
import static dev.iamkit.jooq.generated.Tables.ROLE_ACCESS;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The statement every audited write ends with, rendered once per store ({@link Rendered}): it
 * inserts the event and records its link as the counter's tail; for a change of a role's grants it
 * also rewrites the role's folded grants ({@code refresh_role_access}, V25) in the counter
 * update's {@code FROM}, where it runs once (a CTE that nothing reads would not run at all).
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

    private static Query statement(boolean refold) {
        Field<UUID> org = DSL.param("org", SQLDataType.UUID);
        Field<Long> seq = DSL.param("seq", SQLDataType.BIGINT);
        Field<byte[]> link = DSL.param("link", SQLDataType.BLOB);
        var update = DSL.update(ORG_COUNTER).set(ORG_COUNTER.AUDIT_LINK, link).set(ORG_COUNTER.AUDIT_LINK_SEQ, seq);
        var tail = DSL.name("tail").as((refold ? update.from(DSL.select(DSL.field("{0}.refresh_role_access({1}, {2})", Object.class,
                        ROLE_ACCESS.getSchema(), org, DSL.param("refold", SQLDataType.UUID.array())).as("refold")).asTable("refold")) : update)
                .where(ORG_COUNTER.ORG_ID.eq(org))
                .returningResult(ORG_COUNTER.ORG_ID));
        return DSL.with(tail).insertInto(AUDIT_EVENT)
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

    /** Appends one event through {@code sql}'s connection; {@code refold}: the role whose folded grants to rewrite, or null. */
    void append(DSLContext sql, UUID org, long seq, byte[] link, UUID id, OffsetDateTime at, String actor, String action,
            String targetType, String targetId, String before, String after, String ip, String userAgent, String keyId, UUID refold) {
        sql.connectionResult(c -> refold == null
                ? plain.execute(c, org, seq, link, id, at, actor, action, targetType, targetId, before, after, ip, userAgent, keyId)
                : refolding.execute(c, org, seq, link, id, at, actor, action, targetType, targetId, before, after, ip, userAgent, keyId,
                        new UUID[] {refold}));
    }
}
