package dev.iamkit.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.error.ConfigurationException;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditKeysTest {
    private static final byte[] K1 = bytes(1, 32);
    private static final byte[] K2 = bytes(2, 48);
    private static final String K1_TEXT = Base64.getEncoder().encodeToString(K1);
    private static final String K2_TEXT = Base64.getEncoder().encodeToString(K2);

    private static byte[] bytes(int n, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (n * 17 + i);
        }
        return b;
    }

    @Test
    void theFirstEntrySignsAndTheOthersOnlyVerify() {
        AuditKeys keys = AuditKeys.parse(" 2031:" + K2_TEXT + " , 2030:" + K1_TEXT);
        assertThat(keys.signingKeyId()).contains("2031");
        assertThat(keys.keyIds()).containsExactly("2031", "2030");
        assertThat(keys.holds("2030")).isTrue();
        assertThat(keys.holds("2029")).isFalse();
        assertThat(keys).isEqualTo(AuditKeys.signingWith("2031", K2).verifyingAlso("2030", K1));
        assertThat(keys).isNotEqualTo(AuditKeys.signingWith("2031", K2).verifyingAlso("2030", K2));
    }

    @Test
    void absentOrBlankMeansNoKey() {
        assertThat(AuditKeys.fromSettings(Map.of())).isEqualTo(AuditKeys.none());
        assertThat(AuditKeys.parse("  ").isEmpty()).isTrue();
        assertThat(AuditKeys.none().signingKeyId()).isEmpty();
    }

    @Test
    void paddingIsOptional() {
        String unpadded = Base64.getEncoder().withoutPadding().encodeToString(bytes(3, 32));
        assertThat(AuditKeys.parse("k:" + unpadded)).isEqualTo(AuditKeys.signingWith("k", bytes(3, 32)));
    }

    @Test
    void toStringShowsKeyIdsNeverKeys() {
        String shown = AuditKeys.parse("k2:" + K2_TEXT + ",k1:" + K1_TEXT).toString();
        assertThat(shown).contains("k2").contains("k1").doesNotContain(K2_TEXT).doesNotContain(K1_TEXT.substring(0, 12));
        assertThat(AuditKeys.none().toString()).contains("none");
    }

    @Test
    void malformedEntriesAreRefusedNamingTheSettingAndTheEntryButNotItsContent() {
        String shortKey = Base64.getEncoder().encodeToString(bytes(4, 31));
        assertRefused("k1:" + shortKey, "entry 1 must be 32 to 1024 bytes, not 31 byte(s)", shortKey);
        assertRefused("k1:" + K1_TEXT + "," + K2_TEXT, "entry 2 is not <id>:<base64 key>", K2_TEXT);
        assertRefused("k1:" + K1_TEXT + ",k1:" + K2_TEXT, "the id of entry 2 is used by an earlier key", K2_TEXT);
        assertRefused("bad id:" + K1_TEXT, "the id of entry 1 must be", K1_TEXT);
        assertRefused(".k:" + K1_TEXT, "the id of entry 1 must be", K1_TEXT);
        assertRefused("x".repeat(65) + ":" + K1_TEXT, "the id of entry 1 must be", K1_TEXT);
        assertRefused("k1:" + K1_TEXT.replace('A', '*') + "*", "the key of entry 1 is not standard base64", K1_TEXT.substring(0, 12));
        assertRefused(K1_TEXT + ":k1", "entry 1", K1_TEXT);
        assertRefused("k1:" + K1_TEXT + ",", "entry 2 is not <id>:<base64 key>", K1_TEXT);
    }

    private static void assertRefused(String setting, String says, String secret) {
        assertThatThrownBy(() -> AuditKeys.parse(setting))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(AuditKeys.SETTING + ": ")
                .hasMessageContaining(says)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret));
    }

    @Test
    void theJavaApiValidatesAlike() {
        assertThatThrownBy(() -> AuditKeys.signingWith("k1", bytes(1, 16))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(AuditKeys.SETTING).hasMessageContaining("16 byte(s)");
        assertThatThrownBy(() -> AuditKeys.signingWith("k 1", K1)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> AuditKeys.signingWith("k1", null)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> AuditKeys.none().verifyingAlso("k1", K1)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("signing key first");
    }

    @Test
    void theKeyIsCopiedSoLaterChangesToTheCallersArrayDoNotChangeIt() {
        byte[] mine = bytes(5, 32);
        AuditKeys keys = AuditKeys.signingWith("k", mine);
        mine[0]++;
        assertThat(keys).isNotEqualTo(AuditKeys.signingWith("k", mine));
    }
}
