package dev.iamkit.jooq;

import dev.iamkit.testkit.CheckByCodeContract;
import dev.iamkit.testkit.IamFixture;

/** Cached checks by code, and {@code full()} ones through the V6 function with the code resolved in the same statement. */
class InPostgresCheckByCodeTest extends CheckByCodeContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("checkbycode");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
