package dev.iamkit.model;

import java.util.UUID;

/** Identifies one recorded consent decision. */
public record ConsentId(UUID value) implements Id<ConsentId> {
    public ConsentId {
        value = Ids.require("consentId", value);
    }

    public static ConsentId of(UUID value) {
        return new ConsentId(value);
    }

    /** Parses the canonical UUID form; a malformed string is a {@code ValidationException} on {@code consentId}. */
    public static ConsentId parse(String text) {
        return new ConsentId(Ids.parse("consentId", text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
