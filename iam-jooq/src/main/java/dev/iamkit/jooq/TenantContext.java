package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.AUDIT_EVENT;
import static dev.iamkit.jooq.generated.Tables.ORG_COUNTER;

import dev.iamkit.model.Actor;
import dev.iamkit.model.AuditEventId;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Uuid7;
import dev.iamkit.support.AuditRecord;
import java.time.Clock;
import java.time.Instant;
import org.jooq.DSLContext;
import org.jooq.JSON;

/** What the stores of one tenant scope share: the organization, the actor, the clock, the runner, the audit trail. */
final class TenantContext {
    final OrgId org;
    final Actor actor;
    final Clock clock;
    final TenantRunner runner;

    TenantContext(OrgId org, Actor actor, Clock clock, TenantRunner runner) {
        this.org = org;
        this.actor = actor;
        this.clock = clock;
        this.runner = runner;
    }

    Instant now() {
        return clock.instant();
    }

    <R> R read(SqlWork<R> work) {
        return runner.read(work);
    }

    /**
     * A write; when it fails and the organization turns out not to exist, that is what the caller
     * is told, whatever the write tripped over first (as the in-memory store reports it).
     */
    <R> R write(SqlWork<R> work) {
        return runner.write(TenantChecks.orgFirst(this, work));
    }

    /**
     * Appends one event in the caller's transaction. The per-organization counter row is locked
     * by the upsert until commit, so sequence numbers of committed events have no gaps; the
     * upsert's foreign key is also what rejects a write in an organization that does not exist.
     */
    void audit(DSLContext sql, AuditRecord r) {
        long seq = sql.insertInto(ORG_COUNTER, ORG_COUNTER.ORG_ID, ORG_COUNTER.AUDIT_SEQ)
                .values(org.value(), 1L)
                .onConflict(ORG_COUNTER.ORG_ID)
                .doUpdate().set(ORG_COUNTER.AUDIT_SEQ, ORG_COUNTER.AUDIT_SEQ.plus(1L))
                .returningResult(ORG_COUNTER.AUDIT_SEQ)
                .fetchSingle().value1();
        sql.insertInto(AUDIT_EVENT)
                .set(AUDIT_EVENT.ORG_ID, org.value())
                .set(AUDIT_EVENT.SEQ, seq)
                .set(AUDIT_EVENT.ID, new AuditEventId(Uuid7.next(clock)).value())
                .set(AUDIT_EVENT.AT, Times.db(dev.iamkit.model.Validate.instant("at", now())))
                .set(AUDIT_EVENT.ACTOR, actor.label())
                .set(AUDIT_EVENT.ACTION, r.action())
                .set(AUDIT_EVENT.TARGET_TYPE, r.targetType())
                .set(AUDIT_EVENT.TARGET_ID, r.targetId())
                .set(AUDIT_EVENT.BEFORE, r.before().map(JSON::json).orElse(null))
                .set(AUDIT_EVENT.AFTER, r.after().map(JSON::json).orElse(null))
                .set(AUDIT_EVENT.IP, actor.ip().orElse(null))
                .set(AUDIT_EVENT.USER_AGENT, actor.userAgent().orElse(null))
                .execute();
    }
}
