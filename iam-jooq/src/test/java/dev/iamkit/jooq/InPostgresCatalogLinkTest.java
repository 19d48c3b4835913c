package dev.iamkit.jooq;

import dev.iamkit.testkit.CatalogLinkContract;
import dev.iamkit.testkit.IamFixture;

class InPostgresCatalogLinkTest extends CatalogLinkContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("links");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
