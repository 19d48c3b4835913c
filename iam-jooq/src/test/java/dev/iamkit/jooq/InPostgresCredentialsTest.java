package dev.iamkit.jooq;

import dev.iamkit.testkit.CredentialsContract;
import dev.iamkit.testkit.IamFixture;

class InPostgresCredentialsTest extends CredentialsContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("credentials");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
