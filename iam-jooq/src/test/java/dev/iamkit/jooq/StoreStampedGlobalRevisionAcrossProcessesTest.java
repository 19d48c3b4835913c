package dev.iamkit.jooq;

/**
 * {@link GlobalRevisionAcrossProcessesTest} on a schema without the triggers that stamp changes,
 * as on Citus (V28): the other process reads the global changes checks depend on in its poll.
 */
class StoreStampedGlobalRevisionAcrossProcessesTest extends GlobalRevisionAcrossProcessesTest {
    private static final PostgresFixture FIXTURE = PostgresFixture.withoutStampTriggers("stampedglobalxprocess");

    @Override
    PostgresFixture fixture() {
        return FIXTURE;
    }
}
