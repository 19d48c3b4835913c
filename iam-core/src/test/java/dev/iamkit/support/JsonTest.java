package dev.iamkit.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.model.Effect;
import dev.iamkit.model.FeatureId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JsonTest {
    record Sample(FeatureId id, String name, Optional<Instant> at, Effect effect, List<Long> n, Map<String, Object> m) {
    }

    @Test
    void writesRecordsInDeclarationOrder() {
        UUID u = UUID.fromString("01890000-0000-7000-8000-000000000001");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("k", true);
        m.put("d", 1.5);
        String json = Json.write(new Sample(new FeatureId(u), "a\"b\n", Optional.empty(), Effect.DENY, List.of(1L, 2L), m));
        assertThat(json).isEqualTo("{\"id\":\"" + u + "\",\"name\":\"a\\\"b\\n\",\"at\":null,\"effect\":\"DENY\",\"n\":[1,2],\"m\":{\"k\":true,\"d\":1.5}}");
    }

    @Test
    void escapesControlCharacters() {
        assertThat(Json.write("\u0001")).isEqualTo("\"\\u0001\"");
    }

    @Test
    void teamMemberEventsHaveAStableShape() {
        AuditRecord r = AuditRecord.teamMember(true,
                new dev.iamkit.model.TeamId(UUID.fromString("00000000-0000-7000-8000-000000000001")),
                new dev.iamkit.model.UserId(UUID.fromString("00000000-0000-7000-8000-000000000002")));
        assertThat(r.action()).isEqualTo("team.member.add");
        assertThat(r.before()).isEmpty();
        assertThat(r.after()).contains("{\"teamId\":\"00000000-0000-7000-8000-000000000001\",\"userId\":\"00000000-0000-7000-8000-000000000002\"}");
    }
}
