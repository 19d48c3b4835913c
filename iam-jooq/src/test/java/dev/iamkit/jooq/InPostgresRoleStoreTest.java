package dev.iamkit.jooq;

import dev.iamkit.testkit.RoleStoreContract;
import dev.iamkit.testkit.IamFixture;

class InPostgresRoleStoreTest extends RoleStoreContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("roles");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
