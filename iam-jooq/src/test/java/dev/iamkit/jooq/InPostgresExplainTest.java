package dev.iamkit.jooq;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.ExplainContract;

class InPostgresExplainTest extends ExplainContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("explain");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
