package dev.iamkit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.error.ValidationException;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditCheckpointTest {
    private static final OrgId ORG = new OrgId(UUID.fromString("01890000-0000-7000-8000-000000000001"));
    private static final String LINK = "ab".repeat(32);

    @Test
    void theTextFormIsStableAndReadBack() {
        AuditCheckpoint c = new AuditCheckpoint(ORG, 42, Optional.of(LINK.toUpperCase()));
        assertThat(c.text()).isEqualTo("iamkit-audit-v1:01890000-0000-7000-8000-000000000001:42:" + LINK);
        assertThat(c.toString()).isEqualTo(c.text());
        assertThat(AuditCheckpoint.parse(c.text())).isEqualTo(c);
        AuditCheckpoint empty = new AuditCheckpoint(ORG, 0, Optional.empty());
        assertThat(empty.text()).endsWith(":0:-");
        assertThat(AuditCheckpoint.parse(" " + empty.text() + "\n")).isEqualTo(empty);
    }

    @Test
    void malformedTextIsAValidationErrorOnCheckpoint() {
        for (String bad : new String[] {"", "iamkit-audit-v1:x:1:-", "iamkit-audit-v2:" + ORG + ":1:" + LINK, "iamkit-audit-v1:" + ORG + ":one:-",
                "iamkit-audit-v1:" + ORG + ":1:abc", "iamkit-audit-v1:" + ORG + ":-1:-", "iamkit-audit-v1:" + ORG + ":0:" + LINK,
                "iamkit-audit-v1:" + ORG + ":1:" + LINK + ":more"}) {
            assertThatThrownBy(() -> AuditCheckpoint.parse(bad)).as(bad)
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("checkpoint"));
        }
        assertThatThrownBy(() -> AuditCheckpoint.parse(null)).isInstanceOf(ValidationException.class);
    }
}
