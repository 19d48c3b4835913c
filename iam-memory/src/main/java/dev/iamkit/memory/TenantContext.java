package dev.iamkit.memory;

import dev.iamkit.error.ScopeEndedException;
import dev.iamkit.authz.AuthzCache;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.TenantMismatchException;
import dev.iamkit.model.Actor;
import dev.iamkit.model.AuditEvent;
import dev.iamkit.model.AuditEventId;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Revision;
import dev.iamkit.model.Role;
import dev.iamkit.model.RoleId;
import dev.iamkit.model.Team;
import dev.iamkit.model.TeamId;
import dev.iamkit.model.Uuid7;
import dev.iamkit.support.AuditKeys;
import dev.iamkit.support.AuditRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * What every tenant store of one scope shares: the organization, the actor, and the way in to the
 * state. A scope from {@code db.tenant(..)} runs each call as its own transaction; the scope
 * handed to {@code inTenant} work runs inside the work's transaction (the same thread holds it)
 * and stops working when the work returns.
 */
final class TenantContext {
    /** A change to one organization's data, run inside a transaction. */
    @FunctionalInterface
    interface Change<R> {
        R apply(TenantData data, Tx tx);
    }

    final MemoryState state;
    final Transactor transactor;
    final Clock clock;
    final OrgId org;
    final Actor actor;
    final AuthzCache cache;
    /** The keys that sign this scope's audit events and verify its trail. */
    final AuditKeys auditKeys;
    /** True for the scope handed to {@code inTenant} work: it lives inside one transaction. */
    final boolean bound;
    /** The highest revision a write through this scope made: committed, or for a bound scope, pending in its transaction. */
    private final AtomicLong lastWrite = new AtomicLong(-1);
    private volatile boolean ended;

    TenantContext(MemoryState state, Transactor transactor, Clock clock, AuthzCache cache, AuditKeys auditKeys, OrgId org, Actor actor, boolean bound) {
        this.state = state;
        this.transactor = transactor;
        this.clock = clock;
        this.cache = cache;
        this.auditKeys = auditKeys;
        this.org = org;
        this.actor = actor;
        this.bound = bound;
    }

    /** Reads the organization's data; an organization that does not exist reads as empty. */
    <R> R read(Function<TenantData, R> op) {
        checkUsable();
        return transactor.read(() -> op.apply(state.readable(org)));
    }

    /** Changes the organization's data; it must exist (deleted or not). */
    <R> R write(Change<R> op) {
        checkUsable();
        return transactor.write(tx -> op.apply(state.writable(org), tx));
    }

    /**
     * Appends the one audit event of a call, numbered after the last committed or pending one,
     * and moves the organization's revision on: every change of access data is audited once.
     */
    void audit(TenantData data, Tx tx, AuditRecord r) {
        AuditEvent event = new AuditEvent(new AuditEventId(Uuid7.next(clock)), org, data.audit.size() + 1L, clock.instant(),
                actor.label(), r.action(), r.targetType(), r.targetId(), r.before(), r.after(), actor.ip(), actor.userAgent());
        byte[] previous = data.auditLinks.isEmpty() ? null : data.auditLinks.get(data.auditLinks.size() - 1);
        tx.append(data.audit, event);
        tx.append(data.auditLinks, auditKeys.sign(previous, event));
        tx.append(data.auditKeyIds, auditKeys.signingKeyId().orElse(null));
        long revision = tx.bumpRevision(data);
        if (bound) {
            lastWrite.accumulateAndGet(revision, Math::max);
        }
        tx.afterCommit(() -> {
            lastWrite.accumulateAndGet(revision, Math::max);
            cache.orgChanged(org, revision, r.impact());
        });
    }

    Optional<Revision> lastWriteRevision() {
        long v = lastWrite.get();
        return v < 0 ? Optional.empty() : Optional.of(new Revision(org, v));
    }

    Instant now() {
        return clock.instant();
    }

    /** A record read in another organization cannot be written through this scope. */
    void requireOwn(OrgId recordOrg) {
        if (!org.equals(recordOrg)) {
            throw new TenantMismatchException(org, recordOrg);
        }
    }

    static Role role(TenantData d, RoleId id) {
        Role r = d.roles.get(id);
        if (r == null) {
            throw new NotFoundException("role", id);
        }
        return r;
    }

    static Team team(TenantData d, TeamId id) {
        Team t = d.teams.get(id);
        if (t == null) {
            throw new NotFoundException("team", id);
        }
        return t;
    }

    void end() {
        ended = true;
    }

    void checkUsable() {
        if (ended) {
            throw new ScopeEndedException("this TenantScope belonged to an inTenant call that has returned; use the scope passed to the work only inside it");
        }
    }
}
