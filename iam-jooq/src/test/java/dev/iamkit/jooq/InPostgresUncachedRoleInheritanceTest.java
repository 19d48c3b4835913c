package dev.iamkit.jooq;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.RoleInheritanceContract;

/** The contract with the cache off, so every check, checkAll and view check is a call of a V6 function. */
class InPostgresUncachedRoleInheritanceTest extends RoleInheritanceContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("inheritance_uncached", 0);

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
