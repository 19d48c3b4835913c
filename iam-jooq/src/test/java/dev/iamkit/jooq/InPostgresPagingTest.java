package dev.iamkit.jooq;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.PagingContract;

class InPostgresPagingTest extends PagingContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("paging");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
