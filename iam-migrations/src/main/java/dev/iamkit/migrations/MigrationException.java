package dev.iamkit.migrations;

/** A migration, validation or rollback failed; the message says what to do, the cause is Flyway's or the driver's. */
public class MigrationException extends RuntimeException {
    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }

    public MigrationException(String message) {
        super(message);
    }
}
