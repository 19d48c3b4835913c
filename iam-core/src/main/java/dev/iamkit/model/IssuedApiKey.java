package dev.iamkit.model;

/**
 * A new API key and its plaintext, shown here once: the store keeps only a digest. The plaintext
 * is {@code ikk_<lookupId>_<secret>}. {@link #toString} leaves it out.
 */
public record IssuedApiKey(ApiKey key, String plaintext) {
    public IssuedApiKey {
        Validate.notNull("key", key);
        Validate.string("plaintext", plaintext);
    }

    @Override
    public String toString() {
        return "IssuedApiKey[key=" + key + ", plaintext=<hidden>]";
    }
}
