package dev.iamkit.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.IamDatabase;
import dev.iamkit.IamDatabases;
import dev.iamkit.error.ConfigurationException;
import dev.iamkit.model.AuditVerification;
import dev.iamkit.model.NewOrganization;
import dev.iamkit.model.NewTeam;
import dev.iamkit.model.OrgId;
import dev.iamkit.support.AuditKeys;
import dev.iamkit.testkit.TestAuditKeys;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The in-memory provider reads {@code IAMKIT_AUDIT_KEYS} as the PostgreSQL one does. */
class InMemoryAuditKeySettingsTest {

    @Test
    void theProviderSignsWithTheKeyTheSettingsName() {
        String key = Base64.getEncoder().encodeToString(TestAuditKeys.material(1));
        try (IamDatabase db = IamDatabases.fromSettings(Map.of("USE_DATABASE", "false", AuditKeys.SETTING, "k1:" + key))) {
            OrgId org = db.organizations().create(new NewOrganization("keyed", "Keyed")).id();
            db.tenant(org).teams().create(new NewTeam("Ops"));
            AuditVerification v = db.tenant(org).audit().verify();
            assertThat(v.verified()).isEqualTo(1);
            assertThat(v.intact()).isTrue();
        }
    }

    @Test
    void aMalformedSettingStopsTheStoreFromOpening() {
        assertThatThrownBy(() -> IamDatabases.fromSettings(Map.of("USE_DATABASE", "false", AuditKeys.SETTING, "k1")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining(AuditKeys.SETTING);
    }
}
