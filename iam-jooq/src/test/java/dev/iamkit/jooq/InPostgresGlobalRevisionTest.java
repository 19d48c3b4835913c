package dev.iamkit.jooq;

import dev.iamkit.testkit.GlobalRevisionContract;
import dev.iamkit.testkit.IamFixture;

class InPostgresGlobalRevisionTest extends GlobalRevisionContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("globalrevision");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
