package dev.iamkit.jooq;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.NavigationContract;

class InPostgresNavigationTest extends NavigationContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("navigation");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
