package dev.iamkit.jooq;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.SettingsAndPagingValidationContract;

class InPostgresSettingsAndPagingValidationTest extends SettingsAndPagingValidationContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("settings_paging");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
