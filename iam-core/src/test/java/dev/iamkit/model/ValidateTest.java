package dev.iamkit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.error.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValidateTest {

    /**
     * Codes and action names are checked by hand: on thousands of random strings over the letters
     * at the edges of each class (and outside them), the check accepts exactly what the documented
     * pattern matches, at every length around the bounds.
     */
    @Test
    void codesAndActionsAreAcceptedExactlyWhenTheyMatchTheirPattern() {
        java.util.regex.Pattern code = java.util.regex.Pattern.compile("[a-z][a-z0-9_.-]{1,63}");
        java.util.regex.Pattern action = java.util.regex.Pattern.compile("[a-z][a-z0-9_.-]{0,39}");
        char[] alphabet = "azAZ09_.-`{/:@[ \u00e9".toCharArray();
        java.util.Random random = new java.util.Random(7);
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            int length = 1 + random.nextInt(70);
            StringBuilder b = new StringBuilder();
            for (int j = 0; j < length; j++) {
                // mostly valid characters, so long valid names occur too
                b.append(random.nextInt(8) == 0 ? alphabet[random.nextInt(alphabet.length)] : "abz09_.-".charAt(random.nextInt(8)));
            }
            String v = b.toString().strip();
            boolean isCode = accepts(() -> Validate.code("code", v));
            boolean isAction = accepts(() -> Validate.action("action", v));
            assertThat(isCode).as("code %s", v).isEqualTo(code.matcher(v).matches());
            assertThat(isAction).as("action %s", v).isEqualTo(action.matcher(v).matches());
            accepted += isCode ? 1 : 0;
        }
        assertThat(accepted).as("valid codes among the random strings").isGreaterThan(1000);
        for (int n = 0; n <= 66; n++) {
            String v = "a".repeat(n);
            assertThat(accepts(() -> Validate.code("code", v))).as("code of %d", n).isEqualTo(n >= 2 && n <= 64);
            assertThat(accepts(() -> Validate.action("action", v))).as("action of %d", n).isEqualTo(n >= 1 && n <= 40);
        }
    }

    private static boolean accepts(Runnable check) {
        try {
            check.run();
            return true;
        } catch (ValidationException e) {
            return false;
        }
    }

    @Test
    void emailIsStrippedAndLowerCased() {
        assertThat(Validate.email("email", "  Ana.Lopez@Example.COM ")).isEqualTo("ana.lopez@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ana", "ana@", "@example.com", "ana@example", "ana@@example.com", "a b@example.com",
            "ana@exa mple.com", ".ana@example.com", "ana.@example.com", "an..a@example.com", "ana@-example.com"})
    void malformedEmailsAreRejected(String email) {
        assertThatThrownBy(() -> Validate.email("email", email))
                .isInstanceOf(ValidationException.class)
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("email");
    }

    @Test
    void emailLocalPartIsAtMost64Characters() {
        assertThat(Validate.email("email", "a".repeat(64) + "@example.com")).startsWith("aaaa");
        assertThatThrownBy(() -> Validate.email("email", "a".repeat(65) + "@example.com")).isInstanceOf(ValidationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "acme", "acme-inc", "a1", "0-9"})
    void validSlugs(String slug) {
        assertThat(Validate.slug("slug", slug)).isEqualTo(slug);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "-acme", "acme-", "Acme", "acme_inc", "acme inc", "ácme"})
    void invalidSlugs(String slug) {
        assertThatThrownBy(() -> Validate.slug("slug", slug)).isInstanceOf(ValidationException.class);
    }

    @Test
    void slugIsAtMost63Characters() {
        assertThat(Validate.slug("slug", "a".repeat(63))).hasSize(63);
        assertThatThrownBy(() -> Validate.slug("slug", "a".repeat(64))).isInstanceOf(ValidationException.class);
    }

    @Test
    void textRejectsControlCharactersAndCountsAfterStripping() {
        assertThat(Validate.text("name", "  Ana  ", 1, 3)).isEqualTo("Ana");
        assertThatThrownBy(() -> Validate.text("name", "A\u0000na", 1, 10)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> Validate.text("name", "   ", 1, 10))
                .isInstanceOf(ValidationException.class).hasMessageContaining("blank");
    }

    @Test
    void actionsAreSortedAndDeduplicated() {
        assertThat(Validate.actions("actions", List.of("read", "create", "read"))).containsExactly("create", "read");
        assertThatThrownBy(() -> Validate.actions("actions", List.of())).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> Validate.actions("actions", List.of("Read"))).isInstanceOf(ValidationException.class);
    }

    @Test
    void settingsNormaliseNumbersAndSortKeys() {
        Map<String, Object> in = new HashMap<>();
        in.put("b", 1);
        in.put("a", List.of(2.5, 3.0f, (short) 4));
        Map<String, Object> out = Validate.settings("settings", in);
        assertThat(out.keySet()).containsExactly("a", "b");
        assertThat(out.get("b")).isEqualTo(1L);
        assertThat(out.get("a")).isEqualTo(List.of(2.5, 3L, 4L));
    }

    @Test
    void settingsRejectNullValuesNamingThePath() {
        Map<String, Object> in = new HashMap<>();
        in.put("theme", null);
        assertThatThrownBy(() -> Validate.settings("settings", in))
                .isInstanceOf(ValidationException.class)
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("settings.theme");
    }

    @Test
    void settingsRejectDeepNestingAndTooManyEntries() {
        Map<String, Object> deep = Map.of("x", 1);
        for (int i = 0; i < 8; i++) {
            deep = Map.of("x", deep);
        }
        Map<String, Object> tooDeep = deep;
        assertThatThrownBy(() -> Validate.settings("settings", tooDeep)).isInstanceOf(ValidationException.class);
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            many.add(i);
        }
        assertThatThrownBy(() -> Validate.settings("settings", Map.of("many", many)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("500");
    }

    @Test
    void settingsRejectNonFiniteNumbersAndForeignTypes() {
        assertThatThrownBy(() -> Validate.settings("settings", Map.of("x", Double.NaN))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> Validate.settings("settings", Map.of("x", new Object()))).isInstanceOf(ValidationException.class);
    }

    @Test
    void instantsAreTruncatedToMicroseconds() {
        assertThat(Validate.instant("at", Instant.parse("2030-01-01T00:00:00.123456789Z")))
                .isEqualTo(Instant.parse("2030-01-01T00:00:00.123456Z"));
    }

    @Test
    void pathsStartWithASlashAndHaveNoWhiteSpace() {
        assertThat(Validate.path("path", "/invoices/{id}")).isEqualTo("/invoices/{id}");
        assertThatThrownBy(() -> Validate.path("path", "invoices")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> Validate.path("path", "/in voices")).isInstanceOf(ValidationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "a\u0000", "\uD83D", "ab\uD83Dcd", "x\uDE00", "\uDE00\uD83D", "\uD83D\uD83D\uDE00x\uDE00"})
    void stringsWithNulOrUnpairedSurrogatesAreRefusedNamingTheField(String bad) {
        assertThatThrownBy(() -> Validate.string("key", bad))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("key"));
        assertThatThrownBy(() -> Validate.text("name", bad, 0, 100))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("name"));
        assertThatThrownBy(() -> Validate.lookup("code", bad))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("code"));
        assertThatThrownBy(() -> Validate.settings("settings", Map.of("k", bad)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("settings.k"));
        assertThatThrownBy(() -> Validate.settings("settings", Map.of("inner", Map.of(bad, 1))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("settings.inner"));
    }

    @Test
    void pairedSurrogatesAndOtherOddCharactersAreText() {
        String emoji = "\uD83D\uDE00 \u202Eevil\u202C \uFEFF\uFFFF e\u0301";
        assertThat(Validate.string("name", emoji)).isSameAs(emoji);
        assertThat(Validate.text("name", emoji, 1, 100)).isEqualTo(emoji);
        assertThat(Validate.lookup("code", "  \uD835\uDC9C  ")).isEqualTo("\uD835\uDC9C");
        assertThat(Validate.emailLookup("email", " \u212Aim@Example.COM ")).isEqualTo("kim@example.com");
    }

    @Test
    void settingsNumbersAreLongWhenIntegralAndWithinLongElseDouble() {
        Map<String, Object> in = new HashMap<>();
        in.put("max", Long.MAX_VALUE);
        in.put("min", Long.MIN_VALUE);
        in.put("e15", 1e15);
        in.put("e18", 1e18);
        in.put("two63", 0x1p63);
        in.put("minus two63", -0x1p63);
        in.put("e20", 1e20);
        in.put("tiny", Double.MIN_VALUE);
        in.put("negative zero", -0.0);
        in.put("half", 0.5f);
        Map<String, Object> out = Validate.settings("settings", in);
        assertThat(out.get("max")).isEqualTo(Long.MAX_VALUE);
        assertThat(out.get("min")).isEqualTo(Long.MIN_VALUE);
        assertThat(out.get("e15")).isEqualTo(1_000_000_000_000_000L);
        assertThat(out.get("e18")).isEqualTo(1_000_000_000_000_000_000L);
        assertThat(out.get("two63")).isEqualTo(0x1p63);
        assertThat(out.get("minus two63")).isEqualTo(Long.MIN_VALUE);
        assertThat(out.get("e20")).isEqualTo(1e20);
        assertThat(out.get("tiny")).isEqualTo(Double.MIN_VALUE);
        assertThat(out.get("negative zero")).isEqualTo(0L);
        assertThat(out.get("half")).isEqualTo(0.5);
        for (double infinite : new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN}) {
            assertThatThrownBy(() -> Validate.settings("settings", Map.of("ratio", infinite)))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("settings.ratio"));
        }
    }
}
