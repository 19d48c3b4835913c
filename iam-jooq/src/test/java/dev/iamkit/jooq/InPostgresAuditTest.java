package dev.iamkit.jooq;

import dev.iamkit.testkit.AuditContract;
import dev.iamkit.testkit.IamFixture;

class InPostgresAuditTest extends AuditContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("audit");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
