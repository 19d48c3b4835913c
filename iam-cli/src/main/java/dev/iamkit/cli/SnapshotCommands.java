package dev.iamkit.cli;

import com.zaxxer.hikari.HikariDataSource;
import dev.iamkit.IamDatabase;
import dev.iamkit.jooq.PostgresIam;
import dev.iamkit.jooq.PostgresIamConfig;
import java.util.Map;

/**
 * The store {@code iam export} and {@code iam import} work on: like {@code iam migrate}, the
 * PostgreSQL database of {@code IAMKIT_MIGRATION_URL} or else {@code DATABASE_URL} (typically the
 * schema owner's login, so privileged logins are allowed here) and the schema of
 * {@code IAMKIT_SCHEMA}; without a URL, or with {@code USE_DATABASE=false}, the in-memory store.
 */
final class SnapshotCommands {
    private SnapshotCommands() {
    }

    static IamDatabase open(IamCli parent) {
        Map<String, String> env = parent.environment();
        if (Schema.ownerUrl(env).isBlank() || "false".equalsIgnoreCase(env.getOrDefault("USE_DATABASE", ""))) {
            return parent.openStore();
        }
        HikariDataSource pool = Schema.ownerPool(env, "iamkit-snapshot", 2);
        try {
            PostgresIam db = PostgresIam.create(pool, PostgresIamConfig.fromSettings(env).withAllowPrivilegedLogin(true).withCacheSize(0));
            return new dev.iamkit.ForwardingIamDatabase(db) {
                @Override
                public void close() {
                    try {
                        super.close();
                    } finally {
                        pool.close();
                    }
                }
            };
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }
}
