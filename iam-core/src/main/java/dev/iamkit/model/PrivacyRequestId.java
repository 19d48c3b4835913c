package dev.iamkit.model;

import java.util.UUID;

/** Identifies one entry of the privacy request log. */
public record PrivacyRequestId(UUID value) implements Id<PrivacyRequestId> {
    public PrivacyRequestId {
        value = Ids.require("privacyRequestId", value);
    }

    public static PrivacyRequestId of(UUID value) {
        return new PrivacyRequestId(value);
    }

    /** Parses the canonical UUID form; a malformed string is a {@code ValidationException} on {@code privacyRequestId}. */
    public static PrivacyRequestId parse(String text) {
        return new PrivacyRequestId(Ids.parse("privacyRequestId", text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
