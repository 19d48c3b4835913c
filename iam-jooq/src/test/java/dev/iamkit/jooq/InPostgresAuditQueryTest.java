package dev.iamkit.jooq;

import dev.iamkit.testkit.AuditQueryContract;
import dev.iamkit.testkit.IamFixture;

class InPostgresAuditQueryTest extends AuditQueryContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("auditquery");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
