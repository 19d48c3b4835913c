package dev.iamkit.jooq;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.SharedCompileContract;

class InPostgresSharedCompileTest extends SharedCompileContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("sharedcompile");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
