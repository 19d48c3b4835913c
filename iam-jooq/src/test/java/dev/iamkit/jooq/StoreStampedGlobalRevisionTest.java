package dev.iamkit.jooq;

import dev.iamkit.testkit.GlobalRevisionContract;
import dev.iamkit.testkit.IamFixture;

/**
 * The global revision contract on a schema without the triggers that stamp changes, as
 * {@code iam distribute} leaves it on Citus (V28): every kind of global change moves the revision
 * by one, and nothing else moves it, by the store's own statements alone.
 */
class StoreStampedGlobalRevisionTest extends GlobalRevisionContract {
    private static final PostgresFixture FIXTURE = PostgresFixture.withoutStampTriggers("stampedglobal");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
