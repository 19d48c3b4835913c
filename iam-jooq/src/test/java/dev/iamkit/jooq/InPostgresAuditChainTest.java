package dev.iamkit.jooq;

import dev.iamkit.testkit.AuditChainContract;
import dev.iamkit.testkit.IamFixture;

class InPostgresAuditChainTest extends AuditChainContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("auditchain");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
