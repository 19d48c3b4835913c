package dev.iamkit.jooq;

import dev.iamkit.testkit.MembershipStoreContract;
import dev.iamkit.testkit.IamFixture;

class InPostgresMembershipStoreTest extends MembershipStoreContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("memberships");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
