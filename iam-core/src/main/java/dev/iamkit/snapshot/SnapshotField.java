package dev.iamkit.snapshot;

import dev.iamkit.model.Validate;

/** One field of a {@link SnapshotKind}: its name (the column it comes from), its type, and whether it may be null. */
public record SnapshotField(String name, FieldType type, boolean optional) {
    public SnapshotField {
        Validate.notNull("name", name);
        Validate.notNull("type", type);
    }
}
