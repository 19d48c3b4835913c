package dev.iamkit.model;

import java.time.Instant;
import java.util.Optional;

/** A person. {@code email} is stored lower-cased and is unique among users that are not deleted. */
public record User(
        UserId id,
        String email,
        String displayName,
        UserStatus status,
        Optional<Instant> emailVerifiedAt,
        long version,
        Instant createdAt,
        Instant updatedAt,
        Optional<Instant> deletedAt) {

    public User {
        Validate.notNull("id", id);
        email = Validate.email("email", email);
        displayName = Validate.name("displayName", displayName);
        Validate.notNull("status", status);
        emailVerifiedAt = Validate.instant("emailVerifiedAt", emailVerifiedAt);
        Validate.version("version", version);
        createdAt = Validate.instant("createdAt", createdAt);
        updatedAt = Validate.instant("updatedAt", updatedAt);
        deletedAt = Validate.instant("deletedAt", deletedAt);
    }

    public boolean deleted() {
        return deletedAt.isPresent();
    }

    public User withEmail(String newEmail) {
        return new User(id, newEmail, displayName, status, emailVerifiedAt, version, createdAt, updatedAt, deletedAt);
    }

    public User withDisplayName(String newName) {
        return new User(id, email, newName, status, emailVerifiedAt, version, createdAt, updatedAt, deletedAt);
    }

    public User withStatus(UserStatus newStatus) {
        return new User(id, email, displayName, newStatus, emailVerifiedAt, version, createdAt, updatedAt, deletedAt);
    }

    public User withEmailVerifiedAt(Optional<Instant> verifiedAt) {
        return new User(id, email, displayName, status, verifiedAt, version, createdAt, updatedAt, deletedAt);
    }
}
