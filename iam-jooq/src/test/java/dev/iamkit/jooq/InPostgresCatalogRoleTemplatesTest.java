package dev.iamkit.jooq;

import dev.iamkit.testkit.CatalogRoleTemplatesContract;
import dev.iamkit.testkit.IamFixture;

class InPostgresCatalogRoleTemplatesTest extends CatalogRoleTemplatesContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("catalogroletemplates");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
