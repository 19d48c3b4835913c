package dev.iamkit.model;

import dev.iamkit.error.ValidationException;
import java.time.Instant;

/**
 * The answer to one rate-limit hit: whether it is allowed, how many more hits the window allows
 * after it (0 once the limit is reached), and when the window ends and the count starts over.
 */
public record RateLimitDecision(boolean allowed, int remaining, Instant resetAt) {
    public RateLimitDecision {
        if (remaining < 0) {
            throw new ValidationException("remaining", "must not be negative");
        }
        resetAt = Validate.instant("resetAt", resetAt);
    }
}
