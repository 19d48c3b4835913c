package dev.iamkit.jooq;

import dev.iamkit.testkit.LookupsPagingContract;
import dev.iamkit.testkit.IamFixture;

/**
 * The contract with {@code distributed(true)} on plain PostgreSQL: the statements the store runs on
 * Citus, among them the user's state read apart from the tenant tables ({@code AccessSql.userActive}).
 */
class InPostgresDistributedLookupsPagingTest extends LookupsPagingContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("lookupspaging_dist", PostgresIamConfig.defaults().cacheSize(), true);

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
