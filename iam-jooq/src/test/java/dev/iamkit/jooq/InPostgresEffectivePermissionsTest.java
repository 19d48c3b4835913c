package dev.iamkit.jooq;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.EffectivePermissionsContract;

class InPostgresEffectivePermissionsTest extends EffectivePermissionsContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("effective");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
