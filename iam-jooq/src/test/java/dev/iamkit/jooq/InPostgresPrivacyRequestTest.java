package dev.iamkit.jooq;

import dev.iamkit.testkit.PrivacyRequestContract;
import dev.iamkit.testkit.IamFixture;

class InPostgresPrivacyRequestTest extends PrivacyRequestContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("privacyrequest");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
