package dev.iamkit.support;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The one rule by which names that must be unique "ignoring case" (team names in an
 * organization) are compared, computed by the library so that both stores, and every database
 * whatever its collation, agree: two names are the same when their {@link #key}s are equal.
 *
 * <p>The key is: compatibility normalization (NFKC), then Java's locale-independent
 * ({@code Locale.ROOT}) full case mappings — lower, upper, lower again, so that {@code ß},
 * {@code ẞ} and {@code SS} meet — with final sigma {@code ς} written as {@code σ}, then NFKC again.
 * So {@code INFO}, {@code info}, {@code Ｉｎｆｏ} and {@code ınfo} share a key, as do
 * {@code ΟΔΟΣ} and {@code οδος}, and {@code STRASSE} and {@code straße}; but {@code İnfo} (whose
 * dotted capital becomes {@code i} with a combining dot) does not share {@code info}'s, accents are
 * kept ({@code ὀδός} is another name) and no language's special rules (Turkish, Lithuanian)
 * apply. Keys are computed when a name is written; Unicode's stability policies keep the case
 * mappings and normalization of assigned characters unchanged across Java versions.
 */
public final class CaseFolding {
    private CaseFolding() {
    }

    /** The comparison key of {@code name}; applying it to a key gives the key again. */
    public static String key(String name) {
        String n = Normalizer.normalize(name, Normalizer.Form.NFKC);
        String folded = n.toLowerCase(Locale.ROOT).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT).replace('\u03C2', '\u03C3');
        return Normalizer.normalize(folded, Normalizer.Form.NFKC);
    }
}
