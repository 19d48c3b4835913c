package dev.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.model.Health;
import org.junit.jupiter.api.Test;

/** {@code health()}: what an open store and a closed one report; it never throws. */
public abstract class HealthContract extends ContractBase {

    @Test
    void anOpenStoreIsReachableHealthyAndNamesItsKind() {
        Health h = db.health();
        assertThat(h.kind()).isEqualTo(db.kind());
        assertThat(h.reachable()).isTrue();
        assertThat(h.healthy()).as(h.toString()).isTrue();
        assertThat(h.problem()).isEmpty();
        assertThat(h.roundTrip().isNegative()).isFalse();
        assertThat(h.schemaVersion()).isEqualTo(h.expectedVersion());
    }

    @Test
    void aClosedStoreReportsItselfUnreachableInsteadOfThrowing() {
        db.close();
        Health h = db.health();
        assertThat(h.reachable()).isFalse();
        assertThat(h.healthy()).isFalse();
        assertThat(h.problem()).hasValueSatisfying(p -> assertThat(p).contains("closed"));
        db = null;
    }
}
