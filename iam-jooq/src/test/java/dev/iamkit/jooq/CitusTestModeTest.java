package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The citus profile without a coordinator fails; it never runs the suite on plain PostgreSQL instead. */
class CitusTestModeTest {
    @Test
    void theProfileWithoutACoordinatorFailsAndWithoutTheProfileNothingApplies() {
        assertThatThrownBy(() -> CitusTestMode.on(true, null)).hasMessageContaining(CitusTestMode.URL_VARIABLE);
        assertThatThrownBy(() -> CitusTestMode.on(true, " ")).hasMessageContaining(CitusTestMode.URL_VARIABLE);
        assertThat(CitusTestMode.on(true, "jdbc:postgresql://127.0.0.1:5433/iam")).isTrue();
        assertThat(CitusTestMode.on(false, null)).isFalse();
    }
}
