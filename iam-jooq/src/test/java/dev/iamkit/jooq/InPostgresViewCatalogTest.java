package dev.iamkit.jooq;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.ViewCatalogContract;

class InPostgresViewCatalogTest extends ViewCatalogContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("views");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
