package dev.iamkit.jooq;

import dev.iamkit.TenantWork;
import dev.iamkit.authz.AuthzCache;
import dev.iamkit.model.Actor;
import dev.iamkit.model.OrgId;
import dev.iamkit.retry.IdempotencyKey;
import dev.iamkit.retry.ResultCodec;
import dev.iamkit.support.AuditKeys;
import dev.iamkit.support.IdempotentResults;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * {@code inTenant} on a connection of the store's own: one transaction bound to the organization,
 * committed when the work returns, rolled back when it throws; with an idempotency key, the key is
 * claimed first and recorded with the result just before commit ({@link Idempotency}).
 *
 * <p>Where a failure leaves the work is told by its kind: a connection lost while the work runs
 * left nothing ({@code NOT_APPLIED}), one lost while the commit is on the wire leaves the outcome
 * unknown ({@code OUTCOME_UNKNOWN}); a call inside the work whose savepoint could not be rolled
 * back keeps the transaction from committing even if the work caught that call's failure.
 */
final class TenantTransaction {
    private TenantTransaction() {
    }

    /**
     * Runs {@code work}; with a {@code key} (and its {@code codec}), at most once per key: a
     * remembered key's kept result is returned instead.
     */
    static <R> R run(Sql sql, Clock clock, AuthzCache cache, AuditKeys auditKeys, OrgId org, Actor actor, IdempotencyKey key, ResultCodec<R> codec,
            TenantWork<R> work) {
        Instant now = clock.instant();
        TransactionExchange exchange = sql.beginTenant(org);
        Connection c = exchange.connection();
        DSLContext dsl = sql.dsl(c);
        TenantRunner.Bound runner = new TenantRunner.Bound(org, exchange, dsl);
        try {
            if (key != null) {
                Optional<Idempotency.Kept> earlier = Idempotency.claim(dsl, org, key, now);
                if (earlier.isPresent()) {
                    runner.end();
                    Sql.rollbackQuietly(c);   // wrote nothing
                    return codec.decode(earlier.get().text());
                }
            }
            R result = work.run(new JooqTenantScope(new TenantContext(org, actor, clock, runner, cache, sql.functions(), auditKeys, sql.statements())));
            runner.end();
            runner.requireUndone();
            if (key != null) {
                Idempotency.record(dsl, org, key, IdempotentResults.encode(codec, result), now);
            }
            Sql.commit(c);
            TenantContext.report(cache, org, runner.made());
            return result;
        } catch (Throwable t) {
            runner.end();
            Sql.rollbackQuietly(c);
            if (t instanceof RuntimeException r && !(t instanceof org.jooq.exception.DataAccessException)) {
                throw r; // the work's own exception (or the library's), rethrown as it is
            }
            throw Sql.rethrow(t);
        } finally {
            Sql.closeQuietly(c);
        }
    }
}
