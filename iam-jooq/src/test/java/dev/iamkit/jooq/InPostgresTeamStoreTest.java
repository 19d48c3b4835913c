package dev.iamkit.jooq;

import dev.iamkit.testkit.TeamStoreContract;
import dev.iamkit.testkit.IamFixture;

class InPostgresTeamStoreTest extends TeamStoreContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("teams");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
