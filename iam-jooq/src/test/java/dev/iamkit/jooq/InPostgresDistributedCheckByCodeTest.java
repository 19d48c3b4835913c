package dev.iamkit.jooq;

import dev.iamkit.testkit.CheckByCodeContract;
import dev.iamkit.testkit.IamFixture;

/**
 * The contract with {@code distributed(true)} on plain PostgreSQL, where the store does not use
 * the check functions: {@code full()} checks by code read a snapshot and look the code up.
 */
class InPostgresDistributedCheckByCodeTest extends CheckByCodeContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("checkbycode_dist", PostgresIamConfig.defaults().cacheSize(), true);

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
