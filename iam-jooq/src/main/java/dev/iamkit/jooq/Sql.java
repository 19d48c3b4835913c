package dev.iamkit.jooq;

import dev.iamkit.error.StorageException;
import dev.iamkit.model.OrgId;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * Opens transactions on the pool: tenant ones that first set {@code iamkit.org_id}, and global
 * ones that first set {@code iamkit.scope} (V12), each with {@code SET LOCAL}, so the setting ends
 * with the transaction and never survives in a pooled connection; and autocommit statements that
 * carry their setting in the same exchange ({@link OneExchange}). Without a setting row level
 * security shows no row of any table. Every failure leaves as one of the library's exceptions.
 */
final class Sql {
    private final DataSource dataSource;
    private final Settings settings;
    private final boolean distributed;
    private final AccessFunctions functions;
    private final WriteStatements statements;
    /** The statement that moves the global revision when no trigger has (V28). */
    private final String moveGlobalRevision;
    private final ScopedFind finds = new ScopedFind();
    private volatile boolean closed;
    private volatile GlobalWrites globalWrites = (revision, accessChanged) -> { };
    /**
     * The global transaction the calling thread runs a catalog apply in ({@link #joiningGlobal}):
     * while set, the global reads and writes of this object join it instead of taking a
     * connection of their own, so the catalog and menu stores' calls become one transaction.
     */
    private final ThreadLocal<DSLContext> joined = new ThreadLocal<>();

    /** Told of every committed change to global data made through this object. */
    interface GlobalWrites {
        /** Committed at global {@code revision}; {@code accessChanged}: a change that checks depend on. */
        void committed(long revision, boolean accessChanged);
    }

    Sql(DataSource dataSource, PostgresIamConfig config) {
        this.dataSource = dataSource;
        this.distributed = config.distributed();
        // On Citus a function's set_config does not reach the workers: checks read snapshots there.
        this.functions = distributed ? null : new AccessFunctions(config.schema());
        this.settings = settingsFor(config.schema());
        this.statements = new WriteStatements(settings);
        this.moveGlobalRevision = "SELECT \"" + config.schema() + "\".move_global_revision(?, ?)";
    }

    /** The generated classes name schema "iamkit"; the mapping renders {@code schema}. */
    static Settings settingsFor(String schema) {
        return new Settings()
                .withExecuteLogging(false)
                .withRenderMapping(new RenderMapping().withSchemata(new MappedSchema().withInput("iamkit").withOutput(schema)));
    }

    /** The write statements rendered once for this store. */
    WriteStatements statements() {
        return statements;
    }

    /** The check functions of V6, or null on Citus. */
    AccessFunctions functions() {
        return functions;
    }

    DSLContext dsl(Connection c) {
        return DSL.using(c, SQLDialect.POSTGRES, settings);
    }

    /**
     * Runs a read of global tables in {@code scope} on a connection in autocommit: one round trip
     * per statement, no BEGIN or COMMIT ({@link OneExchange}). Only for work that writes nothing.
     */
    <R> R read(Scope scope, SqlWork<R> work) {
        if (joined.get() != null) {
            return runJoined(work);
        }
        if (distributed) {
            return transaction(null, scope, work);
        }
        return onAutocommit(false, c -> work.run(dsl(OneExchange.forScope(c, scope))));
    }

    /**
     * Runs work on global tables in {@code scope} in autocommit: each statement is its own
     * transaction, committed as it returns, in one round trip. For changes that are one statement
     * each, or whose statements must each stay committed whatever the next one does (a counted
     * failed attempt). On Citus, one transaction. A connection lost while a statement is on the
     * wire leaves its outcome unknown.
     */
    <R> R autocommit(Scope scope, SqlWork<R> work) {
        if (distributed) {
            return transaction(null, scope, work);
        }
        return onAutocommit(true, c -> work.run(dsl(OneExchange.forScope(c, scope))));
    }

    /**
     * The row of {@code table} whose {@code key} is {@code value} (with {@code live}: and whose
     * {@code deleted_at} is null), read in {@code scope} by one prepared statement that makes the
     * setting itself ({@link ScopedFind}); on Citus, in a transaction.
     */
    <R extends org.jooq.Record, T> java.util.Optional<R> find(Scope scope, org.jooq.Table<R> table, org.jooq.TableField<R, T> key, T value,
            boolean live) {
        if (joined.get() != null) {
            org.jooq.Condition where = live ? key.eq(value).and(table.field("deleted_at").isNull()) : key.eq(value);
            return runJoined(ctx -> ctx.selectFrom(table).where(where).fetchOptional());
        }
        if (distributed) {
            org.jooq.Condition where = live ? key.eq(value).and(table.field("deleted_at").isNull()) : key.eq(value);
            return transaction(null, scope, ctx -> ctx.selectFrom(table).where(where).fetchOptional());
        }
        return onAutocommit(false, c -> finds.one(dsl(c), c, scope, table, key, value, live));
    }

    /**
     * The row of the tenant table {@code table} of {@code org} whose {@code key} is {@code value}, by
     * one prepared statement that sets the tenant itself ({@link ScopedFind#tenantOne}); on Citus,
     * in a transaction.
     */
    <R extends org.jooq.Record, T> java.util.Optional<R> tenantFind(OrgId org, org.jooq.Table<R> table, org.jooq.TableField<R, T> key, T value) {
        if (distributed) {
            return transaction(org, null, ctx -> ctx.selectFrom(table).where(table.field("org_id", java.util.UUID.class).eq(org.value()), key.eq(value))
                    .fetchOptional());
        }
        return onAutocommit(false, c -> finds.tenantOne(dsl(c), c, org.value(), table, key, value));
    }

    /** Runs work on a connection in autocommit with no setting: only for what reads no iamkit table (the schema's version). */
    <R> R unscoped(SqlWork<R> work) {
        return onAutocommit(false, c -> work.run(dsl(c)));
    }

    private interface ConnectionWork<R> {
        R run(Connection c) throws Exception;
    }

    /**
     * Runs {@code work} on a connection in autocommit. With {@code writes}, each statement commits
     * as it runs, so a connection lost while one is on the wire leaves its outcome unknown; a read
     * lost that way changed nothing.
     */
    private <R> R onAutocommit(boolean writes, ConnectionWork<R> work) {
        Connection c = connection();   // in autocommit: connection() refuses any other
        try {
            return work.run(c);
        } catch (Throwable t) {
            throw writes ? rethrow(t, SqlErrors.Phase.COMMITTING) : rethrow(t);
        } finally {
            closeQuietly(c);
        }
    }

    /**
     * A connection of the pool; when there is none (the server is down, the pool exhausted), a
     * failure that applied nothing. One that comes inside a transaction the store did not begin is
     * given back untouched and refused ({@link ForeignTransactions}).
     */
    private Connection connection() {
        checkOpen();
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException e) {
            throw new StorageException(StorageException.Kind.NOT_APPLIED, e.getSQLState(), "cannot get a database connection: " + e.getMessage(), e);
        }
        try {
            ForeignTransactions.refuse(c);
            return c;
        } catch (Throwable t) {
            closeQuietly(c);
            throw rethrow(t);
        }
    }

    /**
     * Runs a read bound to {@code org}: one round trip per statement through {@link OneExchange},
     * or, on Citus, in its own transaction.
     */
    <R> R tenantRead(OrgId org, SqlWork<R> work) {
        if (distributed) {
            return transaction(org, null, work);
        }
        return onAutocommit(false, c -> work.run(dsl(OneExchange.forTenant(c, org))));
    }

    /**
     * Runs a write bound to {@code org} that is one statement, as {@link #tenantRead} runs a read:
     * the statement's implicit transaction commits it, so a connection lost while it is on the
     * wire leaves its outcome unknown. On Citus, in its own transaction.
     */
    <R> R tenantWrite(OrgId org, SqlWork<R> work) {
        if (distributed) {
            return transaction(org, null, work);
        }
        return onAutocommit(true, c -> work.run(dsl(OneExchange.forTenant(c, org))));
    }

    /** Runs {@code work} in its own transaction in {@code scope}, no tenant set: for work that changes no global data. */
    <R> R global(Scope scope, SqlWork<R> work) {
        return transaction(null, scope, work);
    }

    /**
     * Runs work that may change global data (organizations, users, the catalog, menus) in its own
     * transaction in {@code scope}. Each of its statements also reads, in its own exchange, the
     * global revision the transaction's changes took (V15; none while it has changed nothing), so
     * once it has committed, the revision is reported ({@link #onGlobalWrite}) at no round trip.
     * Work marks what it changed ({@link GlobalChanges}); where no trigger moved the revision (V28:
     * none on Citus), the work's last statement does. This process's cache hears of a change that
     * checks depend on at once; other processes read it in their poll.
     */
    <R> R globalWrite(Scope scope, SqlWork<R> work) {
        if (joined.get() != null) {
            return runJoined(work);
        }
        long[] made = {-1};
        boolean[] access = {false};
        R result = transaction(null, scope, c -> OneExchange.readingTheGlobalRevision(c, v -> made[0] = v), ctx -> {
            R r = work.run(ctx);
            access[0] = GlobalChanges.access(ctx);
            if (made[0] < 0 && GlobalChanges.any(ctx)) {
                // no trigger moved it (on Citus there are none, V28): the store does, in the transaction of the change
                ctx.fetchValue(moveGlobalRevision, access[0], GlobalChanges.epoch(ctx));
            }
            return r;
        });
        if (made[0] >= 0) {
            globalWrites.committed(made[0], access[0]);
        }
        return result;
    }

    /**
     * Runs {@code work} in one global write transaction ({@link #globalWrite}) in {@code scope},
     * where every global read and write this object is asked for on the calling thread until it
     * returns joins that transaction. One report of the revision, once it has committed; nothing
     * is committed when {@code work} throws.
     */
    <R> R joiningGlobal(Scope scope, SqlWork<R> work) {
        if (joined.get() != null) {
            throw new StorageException("a catalog apply is already running on this thread", false);
        }
        return globalWrite(scope, ctx -> {
            joined.set(ctx);
            try {
                return work.run(ctx);
            } finally {
                joined.remove();
            }
        });
    }

    /** A statement's failure in the joined transaction leaves as the library's exception, as it does from a transaction of its own. */
    private <R> R runJoined(SqlWork<R> work) {
        try {
            return work.run(joined.get());
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Like {@link #globalWrite}, for a change that checks depend on whatever it is (a catalog update, deletion or link). */
    <R> R globalChange(Scope scope, SqlWork<R> work) {
        return globalWrite(scope, ctx -> {
            GlobalChanges.accessChanged(ctx);
            return work.run(ctx);
        });
    }

    /** What {@link #globalWrite} reports each committed change to. */
    void onGlobalWrite(GlobalWrites w) {
        this.globalWrites = w;
    }

    /** Marks a transaction of {@link #tenant} that wrote nothing, so that it ends with a rollback instead of the commit. */
    private static final String CHANGED_NOTHING = "iamkit.changed-nothing";

    /**
     * Says that the work of the transaction behind {@code sql} ({@link #tenant}) wrote nothing (it
     * may have locked rows): it ends with a rollback, which does not wait for the WAL flush that the
     * commit of a transaction holding row locks does. Only for work that knows it changed no row.
     */
    static void changedNothing(DSLContext sql) {
        sql.data(CHANGED_NOTHING, Boolean.TRUE);
    }

    /** Runs {@code work} in its own transaction bound to {@code org}. */
    <R> R tenant(OrgId org, SqlWork<R> work) {
        return transaction(org, null, work);
    }

    private <R> R transaction(OrgId org, Scope scope, SqlWork<R> work) {
        return transaction(org, scope, c -> c, work);
    }

    private <R> R transaction(OrgId org, Scope scope, UnaryOperator<Connection> wrap, SqlWork<R> work) {
        // on Citus the settings are made with SET LOCAL, which the coordinator passes to the workers (set_config is not)
        Connection c = distributed ? begin(org, scope) : org == null ? begin(null, null) : beginTenant(org).connection();
        try {
            R result;
            DSLContext dsl;
            try {
                // the scope travels with the transaction's first statement (no round trip of its own)
                dsl = dsl(wrap.apply(scope == null || distributed ? c : OneExchange.scopedTransaction(c, scope)));
                result = work.run(dsl);
            } catch (Throwable t) {
                rollbackQuietly(c);
                throw rethrow(t);
            }
            if (dsl.data(CHANGED_NOTHING) != null) {
                // whatever becomes of the rollback, nothing was written: the result stands
                rollbackQuietly(c);
                return result;
            }
            commit(c);
            return result;
        } finally {
            closeQuietly(c);
        }
    }

    /**
     * Commits; a failure is mapped knowing that the commit was on the wire: a connection lost now
     * leaves the outcome unknown, where the same loss one statement earlier left nothing.
     */
    static void commit(Connection c) {
        try {
            if (c.isClosed()) {
                // known to the driver (or the pool) to be lost already: the commit is never sent
                throw new StorageException(StorageException.Kind.NOT_APPLIED, "08003", "the connection was lost before the commit: nothing was stored", null);
            }
            c.commit();
        } catch (Throwable t) {
            rollbackQuietly(c);
            throw rethrow(t, SqlErrors.Phase.COMMITTING);
        }
    }

    /**
     * A connection inside a new transaction bound to {@code org}: the tenant setting travels with
     * the transaction's first statement ({@link TransactionExchange}), so it costs no round trip of
     * its own. On Citus, {@code SET LOCAL} first, in its own exchange, as the coordinator
     * propagates it to the workers. The caller commits through the exchange's connection, which
     * sends the last statement of a write with the commit (not on Citus).
     */
    TransactionExchange beginTenant(OrgId org) {
        if (distributed) {
            return new TransactionExchange(begin(org, null));
        }
        TransactionExchange exchange = new TransactionExchange(begin(null, null), true);
        exchange.setTenant(org);
        return exchange;
    }

    /** A connection inside a new transaction, with the tenant set when {@code org} is not null. */
    Connection begin(OrgId org) {
        return begin(org, null);
    }

    /** A connection inside a new transaction, with the tenant and the scope set when not null. */
    Connection begin(OrgId org, Scope scope) {
        Connection c = connection();
        try {
            c.setAutoCommit(false);
            if (org != null) {
                setTenant(c, org);
            }
            if (scope != null) {
                setScope(c, scope);
            }
            return c;
        } catch (Throwable t) {
            closeQuietly(c);
            throw rethrow(t);
        }
    }

    /** SET takes no bind parameters; the value is a UUID's canonical text, so it cannot carry anything else. */
    static void setTenant(Connection c, OrgId org) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL iamkit.org_id = '" + org.value() + "'");
        }
    }

    /** Puts the transaction in {@code scope}, until it ends or another scope is set. */
    static void setScope(Connection c, Scope scope) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL " + Scope.SETTING + " = '" + scope.value + "'");
        }
    }

    static RuntimeException rethrow(Throwable t) {
        return rethrow(t, SqlErrors.Phase.BEFORE_COMMIT);
    }

    static RuntimeException rethrow(Throwable t, SqlErrors.Phase phase) {
        if (t instanceof Error e) {
            throw e;
        }
        return SqlErrors.map(t, phase);
    }

    static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException | RuntimeException ignored) {
            // the original failure is what the caller needs to see
        }
    }

    static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException | RuntimeException ignored) {
            // a pool that cannot take the connection back discards it
        }
    }

    void checkOpen() {
        if (closed) {
            throw new StorageException("the PostgreSQL store is closed", false);
        }
    }

    void close() {
        closed = true;
    }
}
