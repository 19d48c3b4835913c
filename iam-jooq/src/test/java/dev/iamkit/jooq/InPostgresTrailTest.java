package dev.iamkit.jooq;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.TrailContract;

class InPostgresTrailTest extends TrailContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("trail");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
