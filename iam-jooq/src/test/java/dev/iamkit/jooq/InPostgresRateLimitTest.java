package dev.iamkit.jooq;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.RateLimitContract;

class InPostgresRateLimitTest extends RateLimitContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("rate_limit");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
