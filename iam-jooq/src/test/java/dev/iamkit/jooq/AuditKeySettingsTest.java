package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.error.ConfigurationException;
import dev.iamkit.support.AuditKeys;
import dev.iamkit.testkit.TestAuditKeys;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code IAMKIT_AUDIT_KEYS} reaches the PostgreSQL store's configuration, validated, and never shows in it. */
class AuditKeySettingsTest {
    private static final String K2 = Base64.getEncoder().encodeToString(TestAuditKeys.material(2));
    private static final String K1 = Base64.getEncoder().encodeToString(TestAuditKeys.material(1));

    @Test
    void theSettingIsReadIntoTheConfigurationAndRedactedWhenShown() {
        PostgresIamConfig c = PostgresIamConfig.fromSettings(Map.of(AuditKeys.SETTING, "k2:" + K2 + ",k1:" + K1));
        assertThat(c.auditKeys()).isEqualTo(TestAuditKeys.K2_THEN_K1);
        assertThat(c.toString()).contains("k2").doesNotContain(K2).doesNotContain(K1);
        assertThat(PostgresIamConfig.fromSettings(Map.of()).auditKeys().isEmpty()).isTrue();
        assertThat(PostgresIamConfig.defaults().withAuditKeys(TestAuditKeys.K1).auditKeys().signingKeyId()).contains("k1");
    }

    @Test
    void aMalformedSettingIsAConfigurationErrorNamingIt() {
        assertThatThrownBy(() -> PostgresIamConfig.fromSettings(Map.of(AuditKeys.SETTING, "k1:c2hvcnQ=")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining(AuditKeys.SETTING);
        assertThatThrownBy(() -> PostgresIamConfig.defaults().withAuditKeys(null))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining(AuditKeys.SETTING);
    }
}
