package dev.iamkit.model;

import java.time.Instant;

/** A recorded consent decision of a user; decisions are never changed, a later one supersedes it. */
public record Consent(ConsentId id, UserId userId, String purpose, String version, ConsentDecision decision, Instant at, String source) {
    public Consent {
        Validate.notNull("id", id);
        Validate.notNull("userId", userId);
        purpose = Validate.code("purpose", purpose);
        version = Validate.text("version", version, 1, NewConsent.VERSION_MAX);
        Validate.notNull("decision", decision);
        at = Validate.instant("at", at);
        source = Validate.text("source", source, 1, NewConsent.SOURCE_MAX);
    }

    /** Whether this decision gives consent. */
    public boolean given() {
        return decision == ConsentDecision.GIVEN;
    }
}
