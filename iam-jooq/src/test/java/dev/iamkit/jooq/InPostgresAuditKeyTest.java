package dev.iamkit.jooq;

import dev.iamkit.testkit.AuditKeyContract;
import dev.iamkit.testkit.IamFixture;

class InPostgresAuditKeyTest extends AuditKeyContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("auditkey");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
