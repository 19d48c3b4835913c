package dev.iamkit.snapshot;

import dev.iamkit.error.AlreadyExistsException;
import java.util.List;

/** An import refused because rows of the snapshot collide with rows the store holds; nothing was written. */
public class SnapshotConflictException extends AlreadyExistsException {
    private final List<String> conflicts;

    /** {@code conflicts}: one line per colliding row (its kind and key), at most a few hundred. */
    public SnapshotConflictException(List<String> conflicts) {
        super("snapshot", "rows", String.join("; ", conflicts));
        this.conflicts = List.copyOf(conflicts);
    }

    /** The colliding rows, each as its kind and key. */
    public List<String> conflicts() {
        return conflicts;
    }
}
