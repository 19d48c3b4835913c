package dev.iamkit.jooq;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.RoleRulesContract;

class InPostgresRoleRulesTest extends RoleRulesContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("rolerules");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
