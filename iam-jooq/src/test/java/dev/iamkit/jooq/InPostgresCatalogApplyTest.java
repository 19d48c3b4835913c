package dev.iamkit.jooq;

import dev.iamkit.testkit.CatalogApplyContract;
import dev.iamkit.testkit.IamFixture;

class InPostgresCatalogApplyTest extends CatalogApplyContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("catalogapply");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
