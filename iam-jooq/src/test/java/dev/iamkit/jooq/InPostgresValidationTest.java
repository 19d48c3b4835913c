package dev.iamkit.jooq;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.ValidationContract;

class InPostgresValidationTest extends ValidationContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("validation");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
