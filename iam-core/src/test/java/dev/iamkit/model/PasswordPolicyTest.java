package dev.iamkit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.error.ConfigurationException;
import dev.iamkit.error.ValidationException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    @Test
    void theDefaultsAreOwaspsArgon2idAndTenFailuresAQuarterOfAnHour() {
        assertThat(PasswordPolicy.defaults()).isEqualTo(new PasswordPolicy(19_456, 2, 1, 10, Duration.ofMinutes(15)));
        assertThat(dev.iamkit.support.PasswordSettings.policy(Map.of())).isEqualTo(PasswordPolicy.defaults());
    }

    @Test
    void settingsRaiseTheParametersAndSetTheLockout() {
        assertThat(dev.iamkit.support.PasswordSettings.policy(Map.of("IAMKIT_PASSWORD_ARGON2", " m=47104,t=1,p=1 ", "IAMKIT_PASSWORD_LOCKOUT", "5/60")))
                .isEqualTo(new PasswordPolicy(47_104, 1, 1, 5, Duration.ofMinutes(1)));
    }

    @Test
    void malformedOrOutOfRangeSettingsAreRefusedNamingTheSetting() {
        for (Map<String, String> bad : java.util.List.of(Map.of("IAMKIT_PASSWORD_ARGON2", "19456,2,1"), Map.of("IAMKIT_PASSWORD_ARGON2", "m=4,t=2,p=1"),
                Map.of("IAMKIT_PASSWORD_ARGON2", "m=19456,t=0,p=1"), Map.of("IAMKIT_PASSWORD_ARGON2", "m=99999999,t=2,p=1"),
                Map.of("IAMKIT_PASSWORD_LOCKOUT", "10"), Map.of("IAMKIT_PASSWORD_LOCKOUT", "0/60"), Map.of("IAMKIT_PASSWORD_LOCKOUT", "10/0"),
                Map.of("IAMKIT_PASSWORD_LOCKOUT", "9999999999/60"))) {
            String setting = bad.keySet().iterator().next();
            assertThatThrownBy(() -> dev.iamkit.support.PasswordSettings.policy(bad)).as(bad.toString())
                    .isInstanceOf(ConfigurationException.class).hasMessageStartingWith(setting);
        }
    }

    @Test
    void theRecordRefusesWhatArgon2OrTheRateLimiterCannotTake() {
        assertThatThrownBy(() -> new PasswordPolicy(15, 1, 2, 10, Duration.ofMinutes(1)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("memoryKib"));
        assertThatThrownBy(() -> new PasswordPolicy(64, 1, 17, 10, Duration.ofMinutes(1)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("parallelism"));
        assertThatThrownBy(() -> new PasswordPolicy(64, 1, 1, 10, Duration.ofDays(400)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("lockoutWindow"));
        assertThatThrownBy(() -> new PasswordPolicy(64, 1, 1, 10, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("lockoutWindow"));
    }
}
