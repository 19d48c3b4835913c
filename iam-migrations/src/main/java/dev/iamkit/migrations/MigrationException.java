package dev.iamkit.migrations;

import dev.iamkit.error.IamException;

/** A migration, validation or rollback failed (one of the library's {@link IamException}s); the message says what to do, the cause is Flyway's or the driver's. */
public class MigrationException extends IamException {
    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }

    public MigrationException(String message) {
        super(message);
    }
}
