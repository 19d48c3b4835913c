package dev.iamkit.jooq;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.ViewGrantStoreContract;

class InPostgresViewGrantStoreTest extends ViewGrantStoreContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("viewgrants");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
