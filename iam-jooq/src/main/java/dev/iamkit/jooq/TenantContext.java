package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.AUDIT_EVENT;
import static dev.iamkit.jooq.generated.Tables.ORG_COUNTER;

import dev.iamkit.authz.AuthzCache;
import dev.iamkit.authz.Impact;
import dev.iamkit.model.Actor;
import dev.iamkit.model.AuditEventId;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Revision;
import dev.iamkit.model.Uuid7;
import dev.iamkit.model.AuditEvent;
import dev.iamkit.support.AuditKeys;
import dev.iamkit.support.AuditRecord;
import dev.iamkit.jooq.generated.tables.records.OrgCounterRecord;
import org.jooq.impl.DSL;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;

/**
 * What the stores of one tenant scope share: the organization, the actor, the clock, the runner,
 * the audit trail and the cache the scope's changes are reported to.
 */
final class TenantContext {
    /** Under this key a transaction's {@link DSLContext} holds each revision it made with its reach, in order (ascending). */
    private static final String MADE = "iamkit.made";

    /** A revision a transaction made, and what it can change ({@link Impact}). */
    record Made(long revision, Impact impact) {
    }

    final OrgId org;
    final Actor actor;
    final Clock clock;
    final TenantRunner runner;
    final AuthzCache cache;
    /** The check functions, or null where they cannot set the tenant (Citus). */
    final AccessFunctions functions;
    /** The keys that sign this scope's audit events and verify its trail. */
    final AuditKeys auditKeys;
    /** The write statements rendered once for the store. */
    final WriteStatements statements;
    /** The highest revision a write through this scope made: committed, or for a bound scope, pending in its transaction. */
    private final AtomicLong lastWrite = new AtomicLong(-1);

    TenantContext(OrgId org, Actor actor, Clock clock, TenantRunner runner, AuthzCache cache, AccessFunctions functions, AuditKeys auditKeys,
            WriteStatements statements) {
        this.statements = statements;
        this.org = org;
        this.functions = functions;
        this.actor = actor;
        this.clock = clock;
        this.runner = runner;
        this.cache = cache;
        this.auditKeys = auditKeys;
    }

    Instant now() {
        return clock.instant();
    }

    <R> R read(SqlWork<R> work) {
        return runner.read(work);
    }

    /** On Citus, where checks read without the V6 functions and a tenant's read of a user row runs apart ({@link AccessSql#userActive(DSLContext, java.util.UUID, boolean)}). */
    boolean onCitus() {
        return functions == null;
    }

    /** The organization's row of {@code table} whose {@code key} is {@code value} ({@link TenantRunner#find}). */
    <R extends org.jooq.Record, T> java.util.Optional<R> find(org.jooq.Table<R> table, org.jooq.TableField<R, T> key, T value) {
        return runner.find(table, key, value);
    }

    /**
     * A write; when it fails and the organization turns out not to exist, that is what the caller
     * is told, whatever the write tripped over first (as the in-memory store reports it).
     */
    <R> R write(SqlWork<R> work) {
        List<Made> made = new ArrayList<>();
        R result = runner.write(TenantChecks.orgFirst(this, sql -> {
            R r = work.run(sql);
            made.addAll(made(sql));
            return r;
        }));
        if (!made.isEmpty()) {
            lastWrite.accumulateAndGet(made.getLast().revision(), Math::max);
            if (runner instanceof TenantRunner.PerCall) {
                report(cache, org, made);   // committed: the call had its own transaction
            }
        }
        return result;
    }

    /**
     * {@code result}, of a write that found nothing to change and wrote nothing (it may have locked
     * rows, as every write of a role's grants and assignments locks the role). On a transaction of
     * its own ({@code db.tenant(org)}) the store then ends it with a rollback, which does not wait
     * for the WAL flush a commit of row locks waits for ({@link Sql#changedNothing}); in a host's
     * transaction ({@code inTenant}) the transaction goes on as before.
     */
    <R> R unchanged(DSLContext sql, R result) {
        if (runner instanceof TenantRunner.PerCall && made(sql).isEmpty()) {
            Sql.changedNothing(sql);
        }
        return result;
    }

    /** Tells the cache of committed revisions, each with its reach. */
    static void report(AuthzCache cache, OrgId org, List<Made> made) {
        for (Made m : made) {
            cache.committed(org, m.revision(), m.impact());
        }
    }

    /** The revisions the transaction behind {@code sql} has made, with their reach, in order; empty if none. */
    static List<Made> made(DSLContext sql) {
        return List.copyOf(madeList(sql, false));
    }

    @SuppressWarnings("unchecked")
    private static List<Made> madeList(DSLContext sql, boolean create) {
        Object v = sql.data(MADE);
        if (v == null) {
            if (!create) {
                return List.of();
            }
            v = new ArrayList<Made>();
            sql.data(MADE, v);
        }
        return (List<Made>) v;
    }

    /**
     * A change that is not access data (a trail entry): no audit event, no revision, nothing for
     * the cache to hear. {@code work} must be ONE statement: outside {@code inTenant} it takes the
     * tenant read path, one round trip whose implicit transaction makes the statement atomic (on
     * Citus, a transaction of its own); inside, a savepoint, like every write. A failure is
     * reported as the missing organization when that is the first thing wrong, as {@link #write}
     * does.
     */
    <R> R writeUnaudited(SqlWork<R> work) {
        return runner.writeOne(TenantChecks.orgFirst(this, work));
    }

    /** The highest revision the transaction behind {@code sql} has made, or -1. */
    static long revisionMade(DSLContext sql) {
        List<Made> made = madeList(sql, false);
        return made.isEmpty() ? -1 : made.getLast().revision();
    }

    /** Forgets what a call undone by its savepoint made, keeping what the transaction made before it (up to revision {@code before}). */
    static void restoreRevisionMade(DSLContext sql, long before) {
        madeList(sql, true).removeIf(m -> m.revision() > before);
    }

    Optional<Revision> lastWriteRevision() {
        long v = lastWrite.get();
        return v < 0 ? Optional.empty() : Optional.of(new Revision(org, v));
    }

    /**
     * Appends one event in the caller's transaction and moves the organization's revision on:
     * every change of access data is audited once. The per-organization counter row is locked by
     * the upsert until commit, so sequence numbers and revisions of committed changes have no
     * gaps; the upsert's foreign key is also what rejects a write in an organization that does
     * not exist, and its trigger announces the revision at commit (V5). Two statements whatever
     * the history: the previous link comes from the counter row (V17), and the insert of the
     * event records its own link there.
     */
    void audit(DSLContext sql, AuditRecord r) {
        audit(sql, counted(sql, r.impact()), r);
    }

    /** What the counter's upsert returns: the new event's seq, the organization's new revision, the previous event's link. */
    record Counters(long seq, long revision, byte[] previousLink) {
        /**
         * The counters a statement returned in its columns {@code first} (the audit sequence, null when
         * the counter did not move), {@code first + 1} (the revision) and {@code first + 2} (the
         * previous link), on the current row; null when the counter did not move.
         */
        static Counters read(java.sql.ResultSet rs, int first) throws java.sql.SQLException {
            long seq = rs.getLong(first);
            return rs.wasNull() ? null : new Counters(seq, rs.getLong(first + 1), rs.getBytes(first + 2));
        }
    }

    /** The counter's upsert on its own: one round trip. */
    private Counters counted(DSLContext sql, Impact reach) {
        return counters(countOne(counterColumns(sql.insertInto(ORG_COUNTER)), reach).fetchSingle());
    }

    /** The columns the counter's upsert writes: {@code insertInto(ORG_COUNTER)} of a DSL, a context or a {@code WITH}. */
    static org.jooq.InsertValuesStep5<OrgCounterRecord, java.util.UUID, Long, Long, Long, String> counterColumns(
            org.jooq.InsertSetStep<OrgCounterRecord> into) {
        return into.columns(ORG_COUNTER.ORG_ID, ORG_COUNTER.AUDIT_SEQ, ORG_COUNTER.REVISION, ORG_COUNTER.CHANGED_XID, ORG_COUNTER.REACH);
    }

    /**
     * The counter's upsert, begun by {@code insert} ({@link #counterColumns}). In a statement whose
     * CTEs make the change, a write and its count take one round trip. Mind the order of locks: a
     * data-modifying CTE that the statement does not read runs after the main statement, so its
     * locks (its foreign keys' too) come after the counter's; where that matters, use
     * {@link #countIfAny}, which reads the change first.
     */
    org.jooq.InsertResultStep<org.jooq.Record3<Long, Long, byte[]>> countOne(org.jooq.InsertValuesStep5<OrgCounterRecord, java.util.UUID, Long, Long, Long, String> insert, Impact reach) {
        return countOne(insert, DSL.val(org.value()), DSL.val(reach.encode()));
    }

    /** {@link #countOne} for organization {@code org} and the encoded {@code reach}, as fields (values, or a rendered statement's parameters). */
    static org.jooq.InsertResultStep<org.jooq.Record3<Long, Long, byte[]>> countOne(org.jooq.InsertValuesStep5<OrgCounterRecord, java.util.UUID, Long, Long, Long, String> insert,
            org.jooq.Field<java.util.UUID> org, org.jooq.Field<String> reach) {
        return upsert(insert.select(stamped(org, reach)));
    }

    /** Like {@link #countOne}, counting only when the CTE {@code change} returned a row: a change that changed nothing moves nothing. */
    org.jooq.InsertResultStep<org.jooq.Record3<Long, Long, byte[]>> countIfAny(org.jooq.InsertValuesStep5<OrgCounterRecord, java.util.UUID, Long, Long, Long, String> insert,
            org.jooq.Name change, Impact reach) {
        return countIfAny(insert, change, DSL.val(org.value()), DSL.val(reach.encode()));
    }

    /** {@link #countIfAny} with the organization and the encoded reach as fields. */
    static org.jooq.InsertResultStep<org.jooq.Record3<Long, Long, byte[]>> countIfAny(org.jooq.InsertValuesStep5<OrgCounterRecord, java.util.UUID, Long, Long, Long, String> insert,
            org.jooq.Name change, org.jooq.Field<java.util.UUID> org, org.jooq.Field<String> reach) {
        return upsert(insert.select(stamped(org, reach).where(DSL.exists(DSL.selectOne().from(DSL.table(change))))));
    }

    /** Like {@link #countOne}, counting only when {@code when} holds (read in the statement's snapshot): a change that changes nothing moves nothing. */
    static org.jooq.InsertResultStep<org.jooq.Record3<Long, Long, byte[]>> countIf(org.jooq.InsertValuesStep5<OrgCounterRecord, java.util.UUID, Long, Long, Long, String> insert,
            org.jooq.Condition when, org.jooq.Field<java.util.UUID> org, org.jooq.Field<String> reach) {
        return upsert(insert.select(stamped(org, reach).where(when)));
    }

    /**
     * The row the counter's upsert proposes, stamped (V28): the transaction that moves the
     * revision ({@code changed_xid}, which the change listener's poll compares with its snapshot,
     * {@code changes_since}) and the revision's reach ({@code *}, which may change anything, is
     * stored as null).
     */
    private static org.jooq.SelectSelectStep<org.jooq.Record5<java.util.UUID, Long, Long, Long, String>> stamped(org.jooq.Field<java.util.UUID> org,
            org.jooq.Field<String> reach) {
        return DSL.select(org, DSL.inline(1L), DSL.inline(1L), CURRENT_XID, DSL.nullif(reach, DSL.inline(Impact.everything().encode())));
    }

    /** The 64-bit id of the running transaction, given one if it has none yet. */
    static final org.jooq.Field<Long> CURRENT_XID = DSL.field("pg_current_xact_id()::text::bigint", Long.class);

    private static org.jooq.InsertResultStep<org.jooq.Record3<Long, Long, byte[]>> upsert(org.jooq.InsertOnDuplicateStep<?> insert) {
        return insert.onConflict(ORG_COUNTER.ORG_ID)
                .doUpdate().set(ORG_COUNTER.AUDIT_SEQ, ORG_COUNTER.AUDIT_SEQ.plus(DSL.inline(1L)))
                .set(ORG_COUNTER.REVISION, ORG_COUNTER.REVISION.plus(DSL.inline(1L)))
                .set(ORG_COUNTER.ACCESS_REVISION, accessRevision(DSL.excluded(ORG_COUNTER.REACH)))
                .set(ORG_COUNTER.CHANGED_XID, DSL.excluded(ORG_COUNTER.CHANGED_XID))
                .set(ORG_COUNTER.REACH, DSL.excluded(ORG_COUNTER.REACH))
                .returningResult(ORG_COUNTER.AUDIT_SEQ, ORG_COUNTER.REVISION, previousLink());
    }

    /**
     * In the update of the counter's upsert: the organization's access revision (V34) after a change
     * of {@code reach} (the stored form: null for one that may change anything). One user's change,
     * one team's, or one that changes nothing a check reads leaves it; any other takes the new
     * revision, so a store's copy of what the organization's members share is used no more.
     */
    static org.jooq.Field<Long> accessRevision(org.jooq.Field<String> reach) {
        return DSL.when(reach.eq(DSL.inline(Impact.nothing().encode())).or(reach.like(DSL.inline("u:%"))).or(reach.like(DSL.inline("t:%"))),
                ORG_COUNTER.ACCESS_REVISION).otherwise(ORG_COUNTER.REVISION.plus(DSL.inline(1L)));
    }

    static Counters counters(org.jooq.Record3<Long, Long, byte[]> r) {
        return new Counters(r.value1(), r.value2(), r.value3());
    }

    /** Appends the event of a change whose counter's upsert ({@link #countOne}) returned {@code counters}. */
    void audit(DSLContext sql, Counters counters, AuditRecord r) {
        append(sql, counters.seq(), counters.revision(), counters.previousLink(), r, null);
    }

    /**
     * {@link #audit(DSLContext, AuditRecord)} for a change to {@code role}'s grants: the statement
     * that appends the event also rewrites the role's folded grants ({@code role_access}, V25, which
     * the compile of a user's access reads), from the grants as the change left them. No extra
     * round trip.
     */
    void auditGrants(DSLContext sql, dev.iamkit.model.RoleId role, AuditRecord r) {
        auditGrants(sql, role, counted(sql, r.impact()), r);
    }

    /** {@link #auditGrants(DSLContext, dev.iamkit.model.RoleId, AuditRecord)} with the counters the change's statement returned. */
    void auditGrants(DSLContext sql, dev.iamkit.model.RoleId role, Counters counters, AuditRecord r) {
        append(sql, counters.seq(), counters.revision(), counters.previousLink(), r, role.value());
    }

    /**
     * In the RETURNING of the counter's upsert: the link of the event before the new one, when the
     * counter row keeps it (V17: while it is the newest event's); null for the first event, and
     * null when the row does not hold it (events numbered by someone else, an organization whose
     * tail was never recorded), for {@link #append} to read from the trail. No sub-select here: an
     * INSERT's RETURNING with a sub-select is what Citus cannot send to a worker (issue 15).
     */
    private static org.jooq.Field<byte[]> previousLink() {
        return DSL.when(ORG_COUNTER.AUDIT_LINK_SEQ.eq(ORG_COUNTER.AUDIT_SEQ.minus(DSL.inline(1L))), ORG_COUNTER.AUDIT_LINK)
                .otherwise(DSL.inline((byte[]) null))
                .as("previous_link");
    }

    /** Inserts event {@code seq} chained to {@code previousLink}, and records its link as the counter's tail, in one statement. */
    private void append(DSLContext sql, long seq, long revision, byte[] previousLink, AuditRecord r, java.util.UUID refold) {
        if (previousLink == null && seq > 1) {
            // the counter row did not hold the previous event's link: read it from the trail (the counter row is locked, so it is the one before)
            previousLink = sql.select(AUDIT_EVENT.LINK).from(AUDIT_EVENT)
                    .where(AUDIT_EVENT.ORG_ID.eq(org.value()), AUDIT_EVENT.SEQ.eq(seq - 1))
                    .fetchOne(AUDIT_EVENT.LINK);
        }
        if (onCitus()) {
            // A counter upsert with a data-modifying CTE runs whole on the organization's shard, where
            // pg_current_xact_id() is the worker's transaction, not the coordinator's that the poll
            // compares with (changes_since, V28). An UPDATE without CTE has it evaluated on the coordinator.
            sql.update(ORG_COUNTER).set(ORG_COUNTER.CHANGED_XID, CURRENT_XID).where(ORG_COUNTER.ORG_ID.eq(org.value())).execute();
        }
        madeList(sql, true).add(new Made(revision, r.impact()));   // a transaction's revisions only grow: the counter row's lock orders them
        AuditEvent event = new AuditEvent(new AuditEventId(Uuid7.next(clock)), org, seq, now(), actor.label(), r.action(), r.targetType(),
                r.targetId(), r.before(), r.after(), actor.ip(), actor.userAgent());
        byte[] link = auditKeys.sign(previousLink, event);
        statements.audit.append(sql, onCitus(), org.value(), seq, link, event.id().value(), Times.db(event.at()), event.actor(), event.action(),
                event.targetType(), event.targetId(), event.before().orElse(null),
                event.after().orElse(null), event.ip().orElse(null), event.userAgent().orElse(null),
                auditKeys.signingKeyId().orElse(null), refold);
    }
}
