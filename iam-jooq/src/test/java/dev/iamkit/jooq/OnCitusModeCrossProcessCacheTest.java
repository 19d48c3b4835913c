package dev.iamkit.jooq;

/**
 * {@link CrossProcessCacheTest} with both processes in the store's Citus mode, on a schema without
 * the stamping triggers, as on a distributed schema: the Citus compile names the roles and teams
 * its answer rests on, so a change another process makes invalidates only the answers it reaches.
 */
class OnCitusModeCrossProcessCacheTest extends CrossProcessCacheTest {
    private static final PostgresFixture FIXTURE = PostgresFixture.asOnCitus("citusxprocess");

    @Override
    PostgresFixture fixture() {
        return FIXTURE;
    }
}
