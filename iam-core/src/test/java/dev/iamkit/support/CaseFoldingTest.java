package dev.iamkit.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaseFoldingTest {

    @Test
    void namesThatDifferOnlyInCaseOrCompatibilityFormShareAKey() {
        assertThat(CaseFolding.key("INFO")).isEqualTo("info");
        assertThat(CaseFolding.key("\uFF29\uFF4E\uFF46\uFF4F")).isEqualTo("info");            // fullwidth
        assertThat(CaseFolding.key("\u0131nfo")).isEqualTo("info");                           // dotless i
        assertThat(CaseFolding.key("\u039F\u0394\u039F\u03A3")).isEqualTo(CaseFolding.key("\u03BF\u03B4\u03BF\u03C2")); // ΟΔΟΣ, οδος
        assertThat(CaseFolding.key("\u03BF\u03B4\u03BF\u03C3")).isEqualTo(CaseFolding.key("\u03BF\u03B4\u03BF\u03C2")); // οδοσ, οδος
        assertThat(CaseFolding.key("STRASSE")).isEqualTo(CaseFolding.key("stra\u00DFe")).isEqualTo(CaseFolding.key("STRA\u1E9EE"));
        assertThat(CaseFolding.key("\u212Aelvin")).isEqualTo("kelvin");                       // Kelvin sign
        assertThat(CaseFolding.key("\uFB01le")).isEqualTo("file");                             // ligature
        assertThat(CaseFolding.key("cafe\u0301")).isEqualTo(CaseFolding.key("caf\u00E9"));    // combining and precomposed
    }

    @Test
    void noLanguageSpecificRuleAppliesAndAccentsStay() {
        assertThat(CaseFolding.key("\u0130nfo")).isEqualTo("i\u0307nfo").isNotEqualTo(CaseFolding.key("info"));
        assertThat(CaseFolding.key("\u1F40\u03B4\u03CC\u03C2")).isNotEqualTo(CaseFolding.key("\u03BF\u03B4\u03BF\u03C2")); // ὀδός
        assertThat(CaseFolding.key("r\u00E9sum\u00E9")).isNotEqualTo(CaseFolding.key("resume"));
    }

    @Test
    void theKeyOfAKeyIsTheKeyForEveryCodePoint() {
        List<String> unstable = new ArrayList<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (Character.isSurrogate((char) cp) && cp <= 0xFFFF) {
                continue;
            }
            String key = CaseFolding.key(Character.toString(cp));
            if (!CaseFolding.key(key).equals(key)) {
                unstable.add(Integer.toHexString(cp));
            }
        }
        assertThat(unstable).isEmpty();
    }
}
