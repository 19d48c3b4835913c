package dev.iamkit.portable;

import dev.iamkit.error.ValidationException;

/** A snapshot file that cannot be imported: the line it found the problem on, and the field. Nothing was written. */
public class SnapshotFileException extends ValidationException {
    private final long line;

    public SnapshotFileException(long line, String field, String reason) {
        super(field, "line " + line + ": " + reason);
        this.line = line;
    }

    /** The line of the file (from 1) the problem is on. */
    public long line() {
        return line;
    }
}
