package dev.iamkit.jooq;

/**
 * {@link CrossProcessCacheTest} on a schema without the triggers that stamp changes, as on Citus
 * (V28): another process's cache hears every change, tenant and global, by the store's own stamps.
 */
class StoreStampedCrossProcessCacheTest extends CrossProcessCacheTest {
    private static final PostgresFixture FIXTURE = PostgresFixture.withoutStampTriggers("stampedxprocess");

    @Override
    PostgresFixture fixture() {
        return FIXTURE;
    }
}
