package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.authz.CacheMetrics;
import dev.iamkit.authz.Consistency;
import dev.iamkit.testkit.MutableClock;
import org.junit.jupiter.api.Test;

/**
 * In the Citus mode the store cannot read both revisions in one statement that sets the tenant
 * (a {@code set_config} does not reach the workers), so {@code Consistency.full()} is evaluated by
 * the store, as {@code Consistency.uncached()}: a held entry is neither used nor replaced.
 */
class FullInTheCitusModeTest {
    private static final PostgresFixture FIXTURE = new PostgresFixture("fullcitusmode", PostgresIamConfig.defaults().cacheSize(), true);

    @Test
    void fullIsEvaluatedByTheStoreWithAnEntryHeld() {
        try (PostgresIam db = (PostgresIam) FIXTURE.open(new MutableClock())) {
            OneRoleWorld w = OneRoleWorld.assigned(db);
            assertThat(db.tenant(w.org()).authz().check(w.user().id(), w.invoices().id(), "read")).isTrue();
            assertThat(db.accessCache().metrics().size()).as("the default check kept an entry").isPositive();
            CacheMetrics before = db.accessCache().metrics();
            assertThat(db.tenant(w.org()).authz(Consistency.full()).check(w.user().id(), w.invoices().id(), "read")).isTrue();
            assertThat(db.tenant(w.org()).authz(Consistency.full()).effectivePermissions(w.user().id())).hasSize(1);
            CacheMetrics after = db.accessCache().metrics();
            assertThat(after.hits()).as("the entry not used").isEqualTo(before.hits());
            assertThat(after.misses()).as("nothing compiled").isEqualTo(before.misses());
        }
    }
}
