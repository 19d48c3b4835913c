package dev.iamkit.jooq;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.RoleInheritanceContract;

class InPostgresRoleInheritanceTest extends RoleInheritanceContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("inheritance");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
