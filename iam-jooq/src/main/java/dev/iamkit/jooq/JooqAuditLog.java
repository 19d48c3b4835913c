package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.AUDIT_EVENT;

import dev.iamkit.jooq.generated.tables.records.AuditEventRecord;
import dev.iamkit.model.AuditCheckpoint;
import dev.iamkit.model.AuditEvent;
import dev.iamkit.model.AuditEventId;
import dev.iamkit.model.AuditQuery;
import dev.iamkit.model.AuditVerification;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Validate;
import dev.iamkit.store.AuditLog;
import dev.iamkit.support.AuditVerifier;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.JSON;

/**
 * One organization's audit trail, read by {@code seq} on the primary key; the cursor is the last
 * seq seen. The snapshots are {@code json} columns, so they come back as the text that was written.
 */
final class JooqAuditLog implements AuditLog {
    private static final int VERIFY_PAGE = 1000;
    private final TenantContext ctx;

    JooqAuditLog(TenantContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Page<AuditEvent> list(PageRequest page) {
        Validate.notNull("page", page);
        long after = page.afterLong().orElse(0L);
        return ctx.read(sql -> Page.fromOverfetch(sql.selectFrom(AUDIT_EVENT)
                .where(AUDIT_EVENT.ORG_ID.eq(ctx.org.value()), AUDIT_EVENT.SEQ.gt(after))
                .orderBy(AUDIT_EVENT.SEQ)
                .limit(page.limit() + 1)
                .fetch(JooqAuditLog::event), page.limit(), e -> Long.toString(e.seq())));
    }

    @Override
    public Page<AuditEvent> query(AuditQuery query, PageRequest page) {
        Validate.notNull("query", query);
        Validate.notNull("page", page);
        long after = page.afterLong().orElse(0L);
        List<Condition> where = new ArrayList<>(List.of(AUDIT_EVENT.ORG_ID.eq(ctx.org.value()), AUDIT_EVENT.SEQ.gt(after)));
        query.targetType().ifPresent(v -> where.add(AUDIT_EVENT.TARGET_TYPE.eq(v)));
        query.targetId().ifPresent(v -> where.add(AUDIT_EVENT.TARGET_ID.eq(v)));
        query.actor().ifPresent(v -> where.add(AUDIT_EVENT.ACTOR.eq(v)));
        query.action().ifPresent(v -> where.add(AUDIT_EVENT.ACTION.eq(v)));
        query.from().ifPresent(v -> where.add(AUDIT_EVENT.AT.ge(Times.db(v))));
        query.until().ifPresent(v -> where.add(AUDIT_EVENT.AT.lt(Times.db(v))));
        return ctx.read(sql -> Page.fromOverfetch(sql.selectFrom(AUDIT_EVENT)
                .where(where)
                .orderBy(AUDIT_EVENT.SEQ)
                .limit(page.limit() + 1)
                .fetch(JooqAuditLog::event), page.limit(), e -> Long.toString(e.seq())));
    }

    @Override
    public AuditVerification verify() {
        return verify(Optional.empty());
    }

    @Override
    public AuditVerification verify(AuditCheckpoint checkpoint) {
        return verify(Optional.of(Validate.notNull("checkpoint", checkpoint)));
    }

    /** Reads the trail in pages of 1000 by seq, each a read of its own: events are only ever appended. */
    private AuditVerification verify(Optional<AuditCheckpoint> checkpoint) {
        AuditVerifier verifier = new AuditVerifier(ctx.org, ctx.auditKeys, checkpoint);
        long after = 0;
        while (true) {
            long from = after;
            List<AuditEventRecord> rows = ctx.read(sql -> sql.selectFrom(AUDIT_EVENT)
                    .where(AUDIT_EVENT.ORG_ID.eq(ctx.org.value()), AUDIT_EVENT.SEQ.gt(from))
                    .orderBy(AUDIT_EVENT.SEQ)
                    .limit(VERIFY_PAGE)
                    .fetch());
            for (AuditEventRecord r : rows) {
                after = r.getSeq();
                verifier.accept(event(r), r.getLink(), r.getKeyId());
            }
            if (rows.size() < VERIFY_PAGE) {
                return verifier.result();
            }
        }
    }

    @Override
    public AuditCheckpoint checkpoint() {
        return ctx.read(sql -> sql.select(AUDIT_EVENT.SEQ, AUDIT_EVENT.LINK).from(AUDIT_EVENT)
                .where(AUDIT_EVENT.ORG_ID.eq(ctx.org.value()))
                .orderBy(AUDIT_EVENT.SEQ.desc())
                .limit(1)
                .fetchOptional()
                .map(r -> new AuditCheckpoint(ctx.org, r.value1(), Optional.ofNullable(r.value2()).map(HexFormat.of()::formatHex)))
                .orElseGet(() -> new AuditCheckpoint(ctx.org, 0, Optional.empty())));
    }

    static AuditEvent event(AuditEventRecord r) {
        return new AuditEvent(new AuditEventId(r.getId()), new OrgId(r.getOrgId()), r.getSeq(), Times.api(r.getAt()), r.getActor(),
                r.getAction(), r.getTargetType(), r.getTargetId(), text(r.getBefore()), text(r.getAfter()),
                Optional.ofNullable(r.getIp()), Optional.ofNullable(r.getUserAgent()));
    }

    private static Optional<String> text(JSON json) {
        return Optional.ofNullable(json).map(JSON::data);
    }
}
