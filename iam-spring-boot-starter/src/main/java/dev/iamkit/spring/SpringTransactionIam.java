package dev.iamkit.spring;

import dev.iamkit.ForwardingIamDatabase;
import dev.iamkit.TenantScope;
import dev.iamkit.TenantWork;
import dev.iamkit.error.ConfigurationException;
import dev.iamkit.jooq.PostgresIam;
import dev.iamkit.model.Actor;
import dev.iamkit.model.OrgId;
import dev.iamkit.retry.IdempotencyKey;
import dev.iamkit.retry.ResultCodec;
import java.sql.Connection;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The PostgreSQL store inside Spring-managed transactions: while a transaction of the
 * application's data source is active on the calling thread, tenant work runs on that
 * transaction's connection ({@link PostgresIam#inTenant(Connection, OrgId, Actor, TenantWork)}),
 * so the transaction decides whether it commits; outside one, calls run as they always do, in
 * transactions of their own. Nothing here commits or rolls back.
 *
 * <p>What joins: {@code inTenant} work, and every call through {@link #tenant(OrgId, Actor)}'s
 * groups (see {@link JoinedTenantScope}). Global calls (organizations, users, the catalog,
 * sessions...) keep their own transactions. Keyed work is refused inside a transaction: it is made
 * at most once by recording its key with its own commit, which a host's rollback would undo.
 */
final class SpringTransactionIam extends ForwardingIamDatabase {
    private final PostgresIam store;
    private final DataSource dataSource;

    /** Marks a transaction that iamkit work has run in, so that checks in it read it too. */
    private final class Worked implements TransactionSynchronization {
        SpringTransactionIam owner() {
            return SpringTransactionIam.this;
        }
    }

    SpringTransactionIam(PostgresIam store, DataSource dataSource) {
        super(store);
        this.store = store;
        this.dataSource = dataSource;
    }

    /** Whether a transaction of the application's data source is active on this thread. */
    boolean inTransaction() {
        return TransactionSynchronizationManager.isActualTransactionActive() && TransactionSynchronizationManager.hasResource(dataSource);
    }

    /** Whether iamkit work has run in this thread's transaction (always true where synchronizations are off: then it cannot be known). */
    boolean worked() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return true;
        }
        for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
            if (s instanceof Worked w && w.owner() == this) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code work} on the connection of this thread's transaction, which decides its fate. */
    <R> R joined(OrgId org, Actor actor, TenantWork<R> work) {
        if (!worked()) {
            TransactionSynchronizationManager.registerSynchronization(new Worked());
        }
        Connection c = DataSourceUtils.getConnection(dataSource);
        try {
            return store.inTenant(c, org, actor, work);
        } finally {
            DataSourceUtils.releaseConnection(c, dataSource);
        }
    }

    @Override
    public TenantScope tenant(OrgId org, Actor actor) {
        return new JoinedTenantScope(this, store.tenant(org, actor));
    }

    @Override
    public <R> R inTenant(OrgId org, Actor actor, TenantWork<R> work) {
        return inTransaction() ? joined(org, actor, work) : store.inTenant(org, actor, work);
    }

    @Override
    public <R> R inTenant(OrgId org, Actor actor, IdempotencyKey key, ResultCodec<R> codec, TenantWork<R> work) {
        if (inTransaction()) {
            throw new ConfigurationException("keyed work cannot join the Spring-managed transaction it was called in: it is made at most"
                    + " once by recording its key in a commit of its own, which a rollback of yours would undo. Call it outside the"
                    + " transaction (e.g. from a method with @Transactional(propagation = Propagation.NOT_SUPPORTED))");
        }
        return store.inTenant(org, actor, key, codec, work);
    }
}
