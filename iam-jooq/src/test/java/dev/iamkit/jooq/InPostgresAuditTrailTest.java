package dev.iamkit.jooq;

import dev.iamkit.testkit.AuditTrailContract;
import dev.iamkit.testkit.IamFixture;

class InPostgresAuditTrailTest extends AuditTrailContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("audit_trail");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
