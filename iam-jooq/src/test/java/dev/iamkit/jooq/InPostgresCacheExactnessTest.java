package dev.iamkit.jooq;

import dev.iamkit.testkit.CacheExactnessContract;
import dev.iamkit.testkit.IamFixture;

class InPostgresCacheExactnessTest extends CacheExactnessContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("cacheexact");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }

    /**
     * Every answer compared costs the store reads; 2,000 writes keep the class near a minute. On
     * Citus, where a full read costs milliseconds, the contract's fewest (1,000).
     */
    @Override
    protected int steps() {
        return Integer.getInteger("iamkit.cache-exactness.steps", CitusTestMode.on() ? 1000 : 2000);
    }
}
