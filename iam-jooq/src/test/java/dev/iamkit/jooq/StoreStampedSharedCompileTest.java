package dev.iamkit.jooq;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.SharedCompileContract;

/**
 * {@link SharedCompileContract} on a schema without the stamping triggers, as {@code iam distribute}
 * leaves it (V28): the store's own statements are then all that moves the access revision (V34).
 */
class StoreStampedSharedCompileTest extends SharedCompileContract {
    private static final PostgresFixture FIXTURE = PostgresFixture.withoutStampTriggers("stampedshared");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
