package dev.iamkit.jooq;

import dev.iamkit.testkit.HealthContract;
import dev.iamkit.testkit.IamFixture;

class InPostgresHealthTest extends HealthContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("health");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
