package dev.iamkit.jooq;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.ConsistencyContract;

class InPostgresConsistencyTest extends ConsistencyContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("consistency");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
