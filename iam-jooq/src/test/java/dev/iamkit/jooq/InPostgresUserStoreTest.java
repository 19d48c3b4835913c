package dev.iamkit.jooq;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.UserStoreContract;

class InPostgresUserStoreTest extends UserStoreContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("users");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
