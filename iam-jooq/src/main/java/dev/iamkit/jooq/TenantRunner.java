package dev.iamkit.jooq;

import dev.iamkit.error.ScopeEndedException;
import dev.iamkit.error.StorageException;
import dev.iamkit.model.OrgId;
import java.sql.SQLException;
import java.util.List;
import org.jooq.DSLContext;

/** How the stores of one tenant scope reach the database. */
sealed interface TenantRunner {

    OrgId org();

    <R> R read(SqlWork<R> work);

    <R> R write(SqlWork<R> work);

    /**
     * A write that is one statement and changes no access data (a trail entry, a usage count): on
     * its own connection it commits by itself in one round trip; in a bound scope it is a write
     * like any other.
     */
    <R> R writeOne(SqlWork<R> work);

    /**
     * A read by a statement that sets the tenant itself (a check of {@link AccessFunctions}): on its
     * own connection in autocommit, so the driver may keep it prepared on the server; in a bound
     * scope, in the transaction like any read.
     */
    <R> R selfScoped(SqlWork<R> work);

    /**
     * The organization's row of {@code table} whose {@code key} is {@code value}: on its own
     * connection one statement the server keeps prepared ({@link Sql#tenantFind}); in a bound
     * scope, a read of the transaction.
     */
    default <R extends org.jooq.Record, T> java.util.Optional<R> find(org.jooq.Table<R> table, org.jooq.TableField<R, T> key, T value) {
        return read(sql -> sql.selectFrom(table).where(table.field("org_id", java.util.UUID.class).eq(org().value()), key.eq(value)).fetchOptional());
    }

    /** {@code db.tenant(org)}: every call its own transaction. */
    record PerCall(Sql sql, OrgId org) implements TenantRunner {
        @Override
        public <R> R read(SqlWork<R> work) {
            return sql.tenantRead(org, work);
        }

        @Override
        public <R> R write(SqlWork<R> work) {
            return sql.tenant(org, work);
        }

        @Override
        public <R> R writeOne(SqlWork<R> work) {
            return sql.tenantWrite(org, work);
        }

        @Override
        public <R> R selfScoped(SqlWork<R> work) {
            return sql.unscoped(work);
        }

        @Override
        public <R extends org.jooq.Record, T> java.util.Optional<R> find(org.jooq.Table<R> table, org.jooq.TableField<R, T> key, T value) {
            return sql.tenantFind(org, table, key, value);
        }
    }

    /**
     * Inside {@code inTenant}: every call joins the one transaction. A write runs under a
     * savepoint, so a call that fails is undone by itself and the work may go on. The savepoint
     * and its release travel with the call's statements ({@link TransactionExchange}): a call
     * that succeeds pays no round trip for them, one that fails after it ran a statement pays one.
     */
    final class Bound implements TenantRunner {
        private final OrgId org;
        private final TransactionExchange exchange;
        private final DSLContext dsl;
        private volatile boolean ended;
        /** The failure of a call whose savepoint could not then be rolled back, after which the transaction must not commit; or null. */
        private volatile RuntimeException notUndone;

        /** {@code dsl} runs on {@code exchange}'s connection. */
        Bound(OrgId org, TransactionExchange exchange, DSLContext dsl) {
            this.org = org;
            this.exchange = exchange;
            this.dsl = dsl;
        }

        @Override
        public OrgId org() {
            return org;
        }

        void end() {
            ended = true;
        }

        /** Each revision the transaction has made, with its reach, in order. */
        List<TenantContext.Made> made() {
            return TenantContext.made(dsl);
        }

        private void checkLive() {
            if (ended) {
                throw new ScopeEndedException("this tenant scope belongs to a transaction that has ended; use the scope passed to the work");
            }
        }

        @Override
        public <R> R read(SqlWork<R> work) {
            checkLive();
            try {
                return work.run(dsl);
            } catch (RuntimeException e) {
                throw Sql.rethrow(e);
            }
        }

        /**
         * Refuses to let the transaction commit when a call's changes could not be undone (the
         * work may have caught that call's failure and gone on): the connection is lost or the
         * transaction broken, so nothing of it can be stored.
         */
        void requireUndone() {
            RuntimeException failed = notUndone;
            if (failed != null) {
                String code = failed instanceof StorageException s ? s.code().orElse(null) : null;
                throw new StorageException(StorageException.Kind.NOT_APPLIED, code,
                        "a call of the work failed and could not be undone, so nothing of the work was stored: " + failed.getMessage(), failed);
            }
        }

        @Override
        public <R> R selfScoped(SqlWork<R> work) {
            return read(work);
        }

        @Override
        public <R> R writeOne(SqlWork<R> work) {
            return write(work);
        }

        @Override
        public <R> R write(SqlWork<R> work) {
            checkLive();
            String sp = exchange.savepoint();
            long revisionBefore = TenantContext.revisionMade(dsl);
            try {
                R result = work.run(dsl);
                exchange.release(sp);
                return result;
            } catch (Throwable t) {
                TenantContext.restoreRevisionMade(dsl, revisionBefore);
                try {
                    exchange.rollbackTo(sp);
                } catch (SQLException | RuntimeException e) {
                    // Typically the connection is gone, and the transaction with it. The caller
                    // learns of the call's own failure, whose SQLState says what happened; this
                    // one only keeps the transaction from committing.
                    t.addSuppressed(e);
                    RuntimeException failed = Sql.rethrow(t);
                    notUndone = failed;
                    throw failed;
                }
                throw Sql.rethrow(t);
            }
        }
    }
}
