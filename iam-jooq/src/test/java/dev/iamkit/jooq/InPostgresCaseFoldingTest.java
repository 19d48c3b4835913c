package dev.iamkit.jooq;

import dev.iamkit.testkit.CaseFoldingContract;
import dev.iamkit.testkit.IamFixture;

class InPostgresCaseFoldingTest extends CaseFoldingContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("case_folding");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
