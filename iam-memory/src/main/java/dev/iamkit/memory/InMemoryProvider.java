package dev.iamkit.memory;

import dev.iamkit.IamDatabase;
import dev.iamkit.authz.AuthzCache;
import dev.iamkit.spi.IamDatabaseProvider;
import dev.iamkit.support.AuditKeys;
import java.time.Clock;
import java.util.Map;

/** Registers the in-memory store as provider {@code memory}. Of the settings it reads only {@code IAMKIT_CACHE_SIZE}, {@code IAMKIT_AUDIT_KEYS}, {@code IAMKIT_MASTER_KEYS} and the password policy's ({@link dev.iamkit.support.PasswordSettings#policy}). */
public final class InMemoryProvider implements IamDatabaseProvider {

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public IamDatabase open(Map<String, String> settings, Clock clock) {
        return InMemoryIam.create(clock, AuthzCache.maximumSize(settings), AuditKeys.fromSettings(settings), dev.iamkit.support.PasswordSettings.policy(settings),
                dev.iamkit.support.MasterKeys.cipherFromSettings(settings));
    }
}
