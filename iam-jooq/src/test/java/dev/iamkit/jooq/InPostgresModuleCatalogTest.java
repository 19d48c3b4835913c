package dev.iamkit.jooq;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.ModuleCatalogContract;

class InPostgresModuleCatalogTest extends ModuleCatalogContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("modules");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
