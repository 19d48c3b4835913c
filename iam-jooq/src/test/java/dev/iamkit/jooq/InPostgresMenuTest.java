package dev.iamkit.jooq;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.MenuContract;

class InPostgresMenuTest extends MenuContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("menu");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
