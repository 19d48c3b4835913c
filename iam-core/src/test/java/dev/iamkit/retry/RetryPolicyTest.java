package dev.iamkit.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.error.ValidationException;
import java.time.Duration;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    /** Draws the least the pause may be, or the most. */
    private static RandomGenerator fixed(boolean most) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public long nextLong(long bound) {
                return most ? bound - 1 : 0;
            }
        };
    }

    @Test
    void pausesDoubleFromTheFirstUpToTheMostAndAreDrawnFromTheUpperHalf() {
        RetryPolicy p = RetryPolicy.defaults().withBackoff(Duration.ofMillis(100), Duration.ofMillis(700));
        assertThat(p.pauseAfter(1, fixed(false))).isEqualTo(Duration.ofMillis(50));
        assertThat(p.pauseAfter(1, fixed(true))).isEqualTo(Duration.ofMillis(100));
        assertThat(p.pauseAfter(2, fixed(true))).isEqualTo(Duration.ofMillis(200));
        assertThat(p.pauseAfter(3, fixed(false))).isEqualTo(Duration.ofMillis(200));
        assertThat(p.pauseAfter(3, fixed(true))).isEqualTo(Duration.ofMillis(400));
        assertThat(p.pauseAfter(4, fixed(true))).isEqualTo(Duration.ofMillis(700));
        assertThat(p.pauseAfter(1000, fixed(true))).isEqualTo(Duration.ofMillis(700));
        assertThat(p.pauseAfter(1000, fixed(false))).isEqualTo(Duration.ofMillis(350));
    }

    @Test
    void noBackoffMeansNoPause() {
        RetryPolicy p = RetryPolicy.defaults().withBackoff(Duration.ZERO, Duration.ZERO);
        assertThat(p.pauseAfter(5, fixed(true))).isZero();
    }

    @Test
    void theDefaultsAreTenAttemptsFrom50MillisecondsUpTo2SecondsWithin15Seconds() {
        assertThat(RetryPolicy.defaults()).isEqualTo(new RetryPolicy(10, Duration.ofMillis(50), Duration.ofSeconds(2), Duration.ofSeconds(15)));
    }

    @Test
    void settingsOutOfRangeAreRefusedNamingTheSetting() {
        RetryPolicy d = RetryPolicy.defaults();
        assertField("maxAttempts", () -> d.withMaxAttempts(0));
        assertField("maxAttempts", () -> d.withMaxAttempts(1001));
        assertField("maxBackoff", () -> d.withBackoff(Duration.ZERO, Duration.ofMinutes(2)));
        assertField("maxBackoff", () -> d.withBackoff(Duration.ZERO, null));
        assertField("firstBackoff", () -> d.withBackoff(Duration.ofSeconds(3), Duration.ofSeconds(2)));
        assertField("firstBackoff", () -> d.withBackoff(Duration.ofMillis(-1), Duration.ofSeconds(2)));
        assertField("deadline", () -> d.withDeadline(Duration.ZERO));
        assertField("deadline", () -> d.withDeadline(Duration.ofHours(2)));
        assertField("deadline", () -> d.withDeadline(null));
        assertThat(d.withMaxAttempts(1).maxAttempts()).isEqualTo(1);
    }

    private static void assertField(String field, org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).as(field).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
