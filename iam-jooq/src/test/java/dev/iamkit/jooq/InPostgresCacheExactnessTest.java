package dev.iamkit.jooq;

import dev.iamkit.testkit.CacheExactnessContract;
import dev.iamkit.testkit.IamFixture;

class InPostgresCacheExactnessTest extends CacheExactnessContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("cacheexact");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }

    /** Every answer compared costs the store reads; 2,000 writes keep the class near a minute. */
    @Override
    protected int steps() {
        return Integer.getInteger("iamkit.cache-exactness.steps", 2000);
    }
}
