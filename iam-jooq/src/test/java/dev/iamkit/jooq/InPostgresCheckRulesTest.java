package dev.iamkit.jooq;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.CheckRulesContract;

class InPostgresCheckRulesTest extends CheckRulesContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("checkrules");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
