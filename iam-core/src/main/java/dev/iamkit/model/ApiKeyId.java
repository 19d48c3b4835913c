package dev.iamkit.model;

import java.util.UUID;

/** Identifies an API key. */
public record ApiKeyId(UUID value) implements Id<ApiKeyId> {
    public ApiKeyId {
        value = Ids.require("apiKeyId", value);
    }

    public static ApiKeyId of(UUID value) {
        return new ApiKeyId(value);
    }

    /** Parses the canonical UUID form; a malformed string is a {@code ValidationException} on {@code apiKeyId}. */
    public static ApiKeyId parse(String text) {
        return new ApiKeyId(Ids.parse("apiKeyId", text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
