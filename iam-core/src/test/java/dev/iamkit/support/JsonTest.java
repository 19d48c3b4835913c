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

    /** A string is copied whole up to its first character that needs an escape: escapes at every position read back. */
    @Test
    void escapesAtEveryPositionOfAStringReadBack() {
        for (String special : new String[] {"\"", "\\", "\n", "\u0001", "\u001f", "\t"}) {
            for (int at = 0; at <= 4; at++) {
                String s = "abcd".substring(0, at) + special + "abcd".substring(at) + special;
                assertThat(Json.read(Json.write(s))).as("%s at %d", special, at).isEqualTo(s);
            }
        }
        assertThat(Json.write("plain é \uD83D\uDE00")).isEqualTo("\"plain é \uD83D\uDE00\"");
        assertThat(Json.write("")).isEqualTo("\"\"");
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

    @Test
    void readsWhatPostgresPrintsIncludingIntegersBeyondLong() {
        Object read = Json.read(" {\"a\": [1, -2, 9223372036854775807, 100000000000000000000, 0.0000001, 1.5e3],"
                + " \"b\": {\"c\": null, \"d\": true, \"e\": false}, \"s\": \"q\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\u00e9\"} ");
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("c", null);
        b.put("d", true);
        b.put("e", false);
        assertThat(read).isEqualTo(Map.of(
                "a", List.of(1L, -2L, Long.MAX_VALUE, 1e20, 1e-7, 1500.0),
                "b", b,
                "s", "q\"\\/\b\f\n\r\t\u00e9\uD83D\uDE00\u00e9"));
    }

    @Test
    void whatItWritesItReadsBack() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", "line\nbreak \"quoted\" \u0001 \uD83D\uDE00");
        m.put("numbers", List.of(Long.MIN_VALUE, 0.1, 1e300, Double.MIN_VALUE));
        m.put("empty", Map.of());
        assertThat(Json.read(Json.write(m))).isEqualTo(m);
    }

    @Test
    void malformedTextIsRefused() {
        for (String bad : new String[] {"", "{", "{\"a\" 1}", "{\"a\":1,}", "[1 2]", "01", "1.", "-", "1e", "\"\u0001\"", "\"\\x\"",
                "\"\\u12\"", "tru", "{\"a\":1} x", "{\"a\":1,\"a\":2}", "[".repeat(100) + "]".repeat(100)}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Json.read(bad)).as(bad).isInstanceOf(dev.iamkit.error.ValidationException.class);
        }
    }
}
