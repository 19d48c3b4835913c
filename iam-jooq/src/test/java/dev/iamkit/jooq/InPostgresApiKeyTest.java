package dev.iamkit.jooq;

import dev.iamkit.testkit.ApiKeyContract;
import dev.iamkit.testkit.IamFixture;

class InPostgresApiKeyTest extends ApiKeyContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("api_keys");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
