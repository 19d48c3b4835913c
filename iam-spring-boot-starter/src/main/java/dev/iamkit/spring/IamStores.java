package dev.iamkit.spring;

import dev.iamkit.IamDatabase;
import dev.iamkit.error.ConfigurationException;
import dev.iamkit.jooq.PostgresIam;
import dev.iamkit.jooq.PostgresIamConfig;
import dev.iamkit.memory.InMemoryIam;
import dev.iamkit.support.AuditKeys;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/** Opens the store the properties and the application's data source call for. */
final class IamStores {
    private static final Logger LOG = LoggerFactory.getLogger(IamStores.class);

    private IamStores() {
    }

    /**
     * Whether the PostgreSQL store is called for.
     *
     * @throws ConfigurationException for {@code iamkit.store=postgres} without a DataSource
     */
    static boolean postgres(IamkitProperties p, DataSource dataSource) {
        return switch (p.getStore()) {
            case MEMORY -> false;
            case AUTO -> dataSource != null;
            case POSTGRES -> {
                if (dataSource == null) {
                    throw new ConfigurationException("iamkit.store=postgres but the application has no DataSource: set spring.datasource.url"
                            + " (a login that is only a member of " + p.getAppRole() + "), or remove iamkit.store to use the in-memory store");
                }
                yield true;
            }
        };
    }

    /**
     * The data source a transaction manager of {@code dataSource} binds its connections to, as
     * Spring's own managers see it: the target of a {@link TransactionAwareDataSourceProxy},
     * whose connections inside a transaction are the transaction's (the store must borrow its
     * own).
     */
    static DataSource target(DataSource dataSource) {
        return dataSource instanceof TransactionAwareDataSourceProxy proxy ? proxy.getTargetDataSource() : dataSource;
    }

    /** The jOOQ the application runs ({@code org.jooq.Constants.MINOR_VERSION} read at run time, not the constant compiled in). */
    private static String runtimeJooq() {
        try {
            return (String) org.jooq.Constants.class.getField("MINOR_VERSION").get(null);
        } catch (ReflectiveOperationException e) {
            return "unknown";
        }
    }

    /**
     * Refuses a jOOQ older than the one iamkit's generated classes were made with: Spring Boot's
     * dependency management pins an older one (3.19), and the store would fail on first use with a
     * {@code NoClassDefFoundError} instead of saying why.
     *
     * @throws ConfigurationException naming the version to set
     */
    static void requireJooq(String runtimeMinor) {
        String needed = org.jooq.Constants.MINOR_VERSION;   // inlined when this class was compiled
        if (minor(runtimeMinor) < minor(needed)) {
            throw new ConfigurationException("iamkit's PostgreSQL store needs jOOQ " + needed + " or newer but the application has "
                    + runtimeMinor + " (Spring Boot's dependency management pins an older jOOQ): set the property jooq.version to "
                    + org.jooq.Constants.VERSION + " in your build (spring-boot-starter-parent or the Spring Boot BOM read it)");
        }
    }

    private static int minor(String version) {
        String[] parts = version.split("\\.");
        try {
            return Integer.parseInt(parts[0]) * 1000 + Integer.parseInt(parts[1]);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    static PostgresIamConfig config(IamkitProperties p) {
        return PostgresIamConfig.defaults().withSchema(p.getSchema()).withAppRole(p.getAppRole()).withCacheSize(p.getCacheSize())
                .withMaxStaleness(p.getMaxStaleness()).withHealthTimeout(p.getHealthTimeout()).withDistributed(p.isDistributed())
                .withAllowPrivilegedLogin(p.isAllowPrivilegedLogin()).withAuditKeys(auditKeys(p));
    }

    private static AuditKeys auditKeys(IamkitProperties p) {
        String keys = p.getAuditKeys();
        return keys == null || keys.isBlank() ? AuditKeys.none() : AuditKeys.parse(keys);
    }

    /** The store: on PostgreSQL over the application's data source, joining its Spring-managed transactions when asked to. */
    static IamDatabase open(IamkitProperties p, DataSource dataSource) {
        if (!postgres(p, dataSource)) {
            LOG.info("iamkit store: memory ({})", p.getStore() == IamkitProperties.Store.MEMORY ? "iamkit.store=memory" : "the application has no DataSource");
            return InMemoryIam.create(Clock.systemUTC(), p.getCacheSize(), auditKeys(p));
        }
        requireJooq(runtimeJooq());
        DataSource target = target(dataSource);
        PostgresIam store = PostgresIam.create(target, config(p));
        LOG.info("iamkit store: postgres (schema {}, the application's DataSource{})", p.getSchema(),
                p.isJoinTransactions() ? ", joining its Spring-managed transactions" : "");
        return p.isJoinTransactions() ? new SpringTransactionIam(store, target) : store;
    }
}
