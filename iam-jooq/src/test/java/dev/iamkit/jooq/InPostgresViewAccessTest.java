package dev.iamkit.jooq;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.ViewAccessContract;

class InPostgresViewAccessTest extends ViewAccessContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("viewaccess");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
