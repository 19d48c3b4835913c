package dev.iamkit.jooq;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.LookupsContract;

class InPostgresLookupsTest extends LookupsContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("lookups");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
