package dev.iamkit.jooq;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.PrivacyContract;

class InPostgresPrivacyTest extends PrivacyContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("privacy");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
