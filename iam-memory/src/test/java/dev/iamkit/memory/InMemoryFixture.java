package dev.iamkit.memory;

import dev.iamkit.IamDatabase;
import dev.iamkit.authz.AuthzCache;
import dev.iamkit.model.PasswordPolicy;
import dev.iamkit.support.AuditKeys;
import dev.iamkit.testkit.IamFixture;
import java.time.Clock;

/** Each test gets a new, empty in-memory store. */
final class InMemoryFixture implements IamFixture {
    static final InMemoryFixture INSTANCE = new InMemoryFixture();

    @Override
    public IamDatabase open(Clock clock) {
        return InMemoryIam.create(clock);
    }

    @Override
    public IamDatabase open(Clock clock, AuditKeys auditKeys) {
        return InMemoryIam.create(clock, AuthzCache.DEFAULT_SIZE, auditKeys);
    }

    @Override
    public IamDatabase open(Clock clock, PasswordPolicy passwords) {
        return InMemoryIam.create(clock, AuthzCache.DEFAULT_SIZE, AuditKeys.none(), passwords);
    }

    @Override
    public IamDatabase reopen(IamDatabase db, Clock clock, AuditKeys auditKeys) {
        return InMemoryIam.reopen((InMemoryIam) db, AuthzCache.DEFAULT_SIZE, auditKeys);
    }
}
