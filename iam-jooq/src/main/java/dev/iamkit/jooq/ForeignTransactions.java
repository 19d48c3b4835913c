package dev.iamkit.jooq;

import dev.iamkit.error.ConfigurationException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Keeps the store off transactions it did not begin. A data source that hands out a connection
 * with autocommit off may be handing out a connection inside someone else's transaction: Spring's
 * {@code TransactionAwareDataSourceProxy} inside a {@code @Transactional} method, a JTA data
 * source. Committing there would commit the host's statements before the host decided; rolling
 * back would undo them; flipping autocommit on would commit them too. The store cannot tell such
 * a connection from one of a pool that merely hands connections out with autocommit off (and a
 * transaction that has run no statement yet cannot be told from none at all), so it refuses both,
 * before it has sent anything on the connection, and names the fix.
 */
final class ForeignTransactions {
    private ForeignTransactions() {
    }

    /** @throws ConfigurationException when {@code c} came with autocommit off; nothing has been done on it */
    static void refuse(Connection c) throws SQLException {
        if (c.getAutoCommit()) {
            return;
        }
        throw new ConfigurationException("the data source handed the store a connection with autocommit off: it may be inside a"
                + " transaction the store did not begin (Spring's TransactionAwareDataSourceProxy in a @Transactional method, a JTA"
                + " data source), which the store must neither commit nor roll back. Give the store a data source whose connections"
                + " come in autocommit mode (the pool itself rather than a transaction-aware proxy; HikariCP's autoCommit=true, its"
                + " default), and run work that must commit with your transaction on its connection: PostgresIam.inTenant(connection,"
                + " ...), or iam-spring-boot-starter, which does so inside Spring-managed transactions");
    }
}
