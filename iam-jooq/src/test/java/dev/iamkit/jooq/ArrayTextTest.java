package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.error.StorageException;
import dev.iamkit.testkit.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The compile's reader of arrays in PostgreSQL's text form, against what the server itself prints. */
class ArrayTextTest {
    @Test
    void readsWhatTheServerPrintsForAwkwardElements() throws Exception {
        List<String> awkward = List.of("plain", "with space", "comma,inside", "quote\"inside", "back\\slash", "{braces}", "NULL", "null", "",
                "é ü 漢字", "tab\there");
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        PostgresTestDatabase pg = PostgresTestDatabase.get();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
             PreparedStatement ps = c.prepareStatement("SELECT ?::text[]::text, ?::uuid[]::text, '{}'::text[]::text, NULL::text[]::text")) {
            ps.setArray(1, c.createArrayOf("text", awkward.toArray()));
            ps.setArray(2, c.createArrayOf("uuid", new UUID[] {a, b}));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(ArrayText.texts(rs, 1)).containsExactlyElementsOf(awkward);
                assertThat(ArrayText.uuids(rs, 2)).containsExactly(a, b);
                assertThat(ArrayText.texts(rs, 3)).isEmpty();
                assertThat(ArrayText.uuids(rs, 4)).isEmpty();
            }
        }
    }

    @Test
    void refusesNullElementsNestedArraysAndOtherForms() {
        for (String s : List.of("{a,NULL}", "{{a},{b}}", "[2:3]={a,b}", "{a", "{\"a}", "{a,}", "a,b")) {
            assertThatThrownBy(() -> ArrayText.parse(s)).as(s).isInstanceOf(StorageException.class);
        }
    }

    /** The in-place reader of uuid arrays gives what the general one gives, and hands every other form to it. */
    @Test
    void uuidArraysReadInPlaceAgreeWithTheGeneralReader() {
        java.util.Random random = new java.util.Random(7);
        for (int size = 0; size < 6; size++) {
            UUID[] ids = new UUID[size];
            for (int i = 0; i < size; i++) {
                ids[i] = new UUID(random.nextLong(), random.nextLong());
            }
            String text = "{" + String.join(",", java.util.Arrays.stream(ids).map(UUID::toString).toList()) + "}";
            assertThat(ArrayText.uuids(text)).as(text).containsExactly(ids);
            assertThat(ArrayText.uuids(text.toUpperCase(java.util.Locale.ROOT))).as("upper case").containsExactly(ids);
        }
        UUID one = UUID.fromString("00000000-0000-0001-8000-00000000000f");
        assertThat(ArrayText.uuids("{\"" + one + "\"}")).as("quoted: the general reader").containsExactly(one);
        for (String bad : List.of("{00000000-0000-0001-8000-00000000000g}", "{00000000-0000-0001-8000+00000000000f}",
                "{00000000-0000-0001-8000-00000000000f;00000000-0000-0001-8000-00000000000f}", "{NULL}", "{0-0-1-8-f}x")) {
            assertThatThrownBy(() -> ArrayText.uuids(bad)).as(bad).isInstanceOf(StorageException.class);
        }
    }
}
