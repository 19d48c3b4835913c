package dev.iamkit.jooq;

import dev.iamkit.testkit.IdempotencyContract;
import dev.iamkit.testkit.IamFixture;

class InPostgresIdempotencyTest extends IdempotencyContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("idempotency");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
