package dev.iamkit.jooq;

import dev.iamkit.testkit.ConsentContract;
import dev.iamkit.testkit.IamFixture;

class InPostgresConsentTest extends ConsentContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("consent");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
