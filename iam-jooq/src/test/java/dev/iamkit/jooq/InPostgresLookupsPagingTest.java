package dev.iamkit.jooq;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.LookupsPagingContract;

class InPostgresLookupsPagingTest extends LookupsPagingContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("lookups_paging");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
