package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.error.ConfigurationException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code IAMKIT_CONNECT_TIMEOUT}, {@code IAMKIT_HEALTH_TIMEOUT} and {@code IAMKIT_MAX_STALENESS}: seconds, defaults, ranges. */
class TimeoutSettingsTest {

    @Test
    void theDefaultsAreFiveSecondsToConnectAndTwoForHealth() {
        assertThat(PostgresIamConfig.defaults().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(PostgresIamConfig.defaults().healthTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(PostgresIamConfig.defaults().maxStaleness()).isEqualTo(Duration.ofSeconds(1));
        assertThat(PostgresIamConfig.fromSettings(Map.of())).isEqualTo(PostgresIamConfig.defaults());
    }

    @Test
    void settingsAreWholeOrDecimalSeconds() {
        PostgresIamConfig c = PostgresIamConfig.fromSettings(Map.of("IAMKIT_CONNECT_TIMEOUT", " 1.5 ", "IAMKIT_HEALTH_TIMEOUT", "0.25"));
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.healthTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(PostgresIamConfig.fromSettings(Map.of("IAMKIT_MAX_STALENESS", "0.1")).maxStaleness()).isEqualTo(Duration.ofMillis(100));
        assertThat(PostgresIamConfig.fromSettings(Map.of("IAMKIT_MAX_STALENESS", "30")).maxStaleness()).isEqualTo(Duration.ofSeconds(30));
        assertThat(PostgresIamConfig.fromSettings(Map.of("IAMKIT_CONNECT_TIMEOUT", "600")).connectTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(PostgresIamConfig.defaults().withHealthTimeout(Duration.ofMillis(100)).healthTimeout()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void malformedOrOutOfRangeTimeoutsAreRefusedNamingTheSetting() {
        for (String bad : new String[] {"soon", "5s", "-1", "0", "0.2", "601", "0.0001", "1e9"}) {
            assertThatThrownBy(() -> PostgresIamConfig.fromSettings(Map.of("IAMKIT_CONNECT_TIMEOUT", bad))).as(bad)
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("IAMKIT_CONNECT_TIMEOUT");
        }
        for (String bad : new String[] {"0.05", "0", "700", "PT2S"}) {
            assertThatThrownBy(() -> PostgresIamConfig.fromSettings(Map.of("IAMKIT_HEALTH_TIMEOUT", bad))).as(bad)
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("IAMKIT_HEALTH_TIMEOUT");
        }
        for (String bad : new String[] {"0", "0.05", "-1", "601", "1s", "NaN"}) {
            assertThatThrownBy(() -> PostgresIamConfig.fromSettings(Map.of("IAMKIT_MAX_STALENESS", bad))).as(bad)
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("IAMKIT_MAX_STALENESS");
        }
        assertThatThrownBy(() -> PostgresIamConfig.defaults().withConnectTimeout(null))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("IAMKIT_CONNECT_TIMEOUT");
        assertThatThrownBy(() -> PostgresIamConfig.defaults().withHealthTimeout(Duration.ofNanos(100_500_000)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("whole milliseconds");
    }
}
