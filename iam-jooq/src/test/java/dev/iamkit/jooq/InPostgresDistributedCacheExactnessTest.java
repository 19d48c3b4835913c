package dev.iamkit.jooq;

import dev.iamkit.testkit.CacheExactnessContract;
import dev.iamkit.testkit.IamFixture;

/**
 * The contract with {@code distributed(true)} on plain PostgreSQL: the statements the store runs on
 * Citus, among them the user's state read apart from the tenant tables ({@code AccessSql.userActive}).
 */
class InPostgresDistributedCacheExactnessTest extends CacheExactnessContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("cacheexactness_dist", PostgresIamConfig.defaults().cacheSize(), true);

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }

    /**
     * The contract's fewest writes: the Citus-mode statements differ from the plain ones only in
     * how a user's state is read, and {@code InPostgresCacheExactnessTest} runs the full length.
     */
    @Override
    protected int steps() {
        // on Citus the store runs in this mode anyway: InPostgresCacheExactnessTest is the same run there
        org.junit.jupiter.api.Assumptions.assumeFalse(CitusTestMode.on(), "on Citus InPostgresCacheExactnessTest runs the store in this mode");
        return Integer.getInteger("iamkit.cache-exactness.steps", 1000);
    }
}
