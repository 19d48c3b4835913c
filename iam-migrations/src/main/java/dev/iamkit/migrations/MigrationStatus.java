package dev.iamkit.migrations;

import java.time.Instant;
import java.util.Optional;

/** One version of the schema as {@link IamMigrations#info()} reports it. */
public record MigrationStatus(String version, String description, State state, Optional<Instant> installedOn) {
    public enum State { APPLIED, PENDING, FAILED, MISSING, OTHER }
}
