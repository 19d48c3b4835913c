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
}
