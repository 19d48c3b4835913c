package dev.iamkit.model;

import java.time.Instant;
import java.util.Optional;
import java.util.SortedSet;

/**
 * An organization's API key, without its secret: the store keeps only the secret's SHA-256
 * digest. {@code lookupId} is the short, non-secret part of the presented key that finds it
 * (shown in lists so people can tell keys apart). {@code createdBy} is the creating scope's
 * actor label. {@code lastUsedAt} moves on authentication, at most once a minute.
 */
public record ApiKey(ApiKeyId id, OrgId orgId, String name, String lookupId, SortedSet<String> scopes, String createdBy,
        Instant createdAt, Optional<Instant> expiresAt, Optional<Instant> lastUsedAt, Optional<Instant> revokedAt) {
    /** A use is recorded when the last recorded one is at least this long ago. */
    public static final java.time.Duration LAST_USED_GRANULARITY = java.time.Duration.ofMinutes(1);

    public ApiKey {
        Validate.notNull("id", id);
        Validate.notNull("orgId", orgId);
        name = Validate.name("name", name);
        Validate.string("lookupId", lookupId);
        scopes = NewApiKey.scopes("scopes", scopes);
        Validate.string("createdBy", createdBy);
        createdAt = Validate.instant("createdAt", createdAt);
        expiresAt = Validate.instant("expiresAt", expiresAt);
        lastUsedAt = Validate.instant("lastUsedAt", lastUsedAt);
        revokedAt = Validate.instant("revokedAt", revokedAt);
    }

    /** Not revoked and not expired at {@code now}. */
    public boolean activeAt(Instant now) {
        return revokedAt.isEmpty() && expiresAt.map(now::isBefore).orElse(true);
    }

    /** This key revoked at {@code now}; one already revoked keeps its first time. */
    public ApiKey revoked(Instant now) {
        return revokedAt.isPresent() ? this
                : new ApiKey(id, orgId, name, lookupId, scopes, createdBy, createdAt, expiresAt, lastUsedAt, Optional.of(now));
    }

    /** Whether a use at {@code now} is to be recorded: none is yet, or the last is a minute or more ago. */
    public boolean useDueAt(Instant now) {
        return lastUsedAt.map(at -> !at.plus(LAST_USED_GRANULARITY).isAfter(now)).orElse(true);
    }

    /** This key as authentication at {@code now} leaves it. */
    public ApiKey usedAt(Instant now) {
        return new ApiKey(id, orgId, name, lookupId, scopes, createdBy, createdAt, expiresAt, Optional.of(now), revokedAt);
    }
}
