package dev.iamkit.jooq;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.GrantStoreContract;

class InPostgresGrantStoreTest extends GrantStoreContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("grants");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
