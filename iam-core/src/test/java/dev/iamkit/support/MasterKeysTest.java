package dev.iamkit.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.error.ConfigurationException;
import dev.iamkit.error.UnreadableDataException;
import dev.iamkit.model.User;
import dev.iamkit.model.UserId;
import dev.iamkit.model.UserStatus;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MasterKeysTest {
    private static final byte[] K1 = bytes(1, 32);
    private static final byte[] K2 = bytes(2, 32);
    private static final String K1_TEXT = Base64.getEncoder().encodeToString(K1);
    private static final String K2_TEXT = Base64.getEncoder().encodeToString(K2);

    private static byte[] bytes(int n, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (n * 13 + i);
        }
        return b;
    }

    private static User user(String email, String name) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        return new User(new UserId(UUID.randomUUID()), email, name, UserStatus.ACTIVE, Optional.empty(), 0, t, t, Optional.empty());
    }

    @Test
    void theFirstEntryIsCurrentAndTheOthersOnlyUnwrap() {
        MasterKeys keys = MasterKeys.parse(" 2031:" + K2_TEXT + " , 2030:" + K1_TEXT).orElseThrow();
        assertThat(keys.currentId()).isEqualTo("2031");
        assertThat(keys.ids()).containsExactly("2031", "2030");
        assertThat(keys.toString()).doesNotContain(K1_TEXT).doesNotContain(K2_TEXT).contains("2031");
    }

    @Test
    void absentOrBlankMeansEncryptionOff() {
        assertThat(MasterKeys.cipherFromSettings(Map.of()).enabled()).isFalse();
        assertThat(MasterKeys.cipherFromSettings(Map.of(MasterKeys.SETTING, "  ")).enabled()).isFalse();
        assertThat(MasterKeys.cipherFromSettings(Map.of(MasterKeys.SETTING, "k:" + K1_TEXT)).enabled()).isTrue();
    }

    @Test
    void malformedSettingsAreConfigurationErrorsThatNeverRepeatTheKey() {
        for (String bad : new String[] {"k1" + K1_TEXT, "k1:%%%", "k1:" + Base64.getEncoder().encodeToString(bytes(1, 16)), "-x:" + K1_TEXT,
                "k1:" + K1_TEXT + ",k1:" + K2_TEXT, "k1:" + K1_TEXT + ",", ":" + K1_TEXT}) {
            assertThatThrownBy(() -> MasterKeys.parse(bad)).as(bad).isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith(MasterKeys.SETTING).hasMessageNotContaining(K1_TEXT).hasMessageNotContaining(K2_TEXT);
        }
    }

    @Test
    void theBlindIndexDependsOnTheMasterKeyAndNotOnCase() {
        PersonalDataCipher a = PersonalDataCipher.with(MasterKeys.current("a", K1));
        PersonalDataCipher b = PersonalDataCipher.with(MasterKeys.current("a", K2));
        User u = user("ana@example.com", "Ana");
        String index = a.seal(u, Optional.empty()).stored().email();
        assertThat(a.storedForms("ana@example.com")).containsExactly("ana@example.com", index);
        assertThat(b.storedForms("ana@example.com").get(1)).isNotEqualTo(index);
        assertThat(index).matches("[0-9a-f]{64}@blind-index\\.invalid");
    }

    @Test
    void aCiphertextMovedToAnotherUserDoesNotOpen() {
        PersonalDataCipher c = PersonalDataCipher.with(MasterKeys.current("a", K1));
        User ana = user("ana@example.com", "Ana");
        User bob = user("bob@example.com", "Bob");
        PersonalDataCipher.Sealed sa = c.seal(ana, Optional.empty());
        PersonalDataCipher.Sealed sb = c.seal(bob, Optional.empty());
        assertThat(c.open(sa.stored(), sa.personalData(), sa.key())).isEqualTo(ana);
        assertThatThrownBy(() -> c.open(sb.stored(), sa.personalData(), sb.key())).isInstanceOf(UnreadableDataException.class);
        assertThatThrownBy(() -> c.open(sb.stored(), sb.personalData(), sa.key())).isInstanceOf(UnreadableDataException.class);
        assertThatThrownBy(() -> PersonalDataCipher.off().open(sa.stored(), sa.personalData(), sa.key()))
                .isInstanceOf(UnreadableDataException.class).hasMessageContaining(MasterKeys.SETTING);
    }

    @Test
    void twoSealsOfTheSameUserDiffer() {
        PersonalDataCipher c = PersonalDataCipher.with(MasterKeys.current("a", K1));
        User ana = user("ana@example.com", "Ana");
        PersonalDataCipher.Sealed first = c.seal(ana, Optional.empty());
        PersonalDataCipher.Sealed second = c.seal(ana, Optional.of(first.key()));
        assertThat(second.personalData()).isNotEqualTo(first.personalData());   // a fresh nonce each time
        assertThat(second.key().wrapped()).isEqualTo(first.key().wrapped());
        assertThat(c.open(second.stored(), second.personalData(), second.key())).isEqualTo(ana);
    }
}
