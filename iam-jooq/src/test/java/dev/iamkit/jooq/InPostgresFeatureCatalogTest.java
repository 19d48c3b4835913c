package dev.iamkit.jooq;

import dev.iamkit.testkit.FeatureCatalogContract;
import dev.iamkit.testkit.IamFixture;

class InPostgresFeatureCatalogTest extends FeatureCatalogContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("features");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
