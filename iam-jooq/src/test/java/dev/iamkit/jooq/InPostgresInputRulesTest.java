package dev.iamkit.jooq;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.InputRulesContract;

class InPostgresInputRulesTest extends InputRulesContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("input_rules");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
