package dev.iamkit.snapshot;

import dev.iamkit.model.Validate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** What an import did: for each kind, how many rows it wrote and how many it found already stored, equal. */
public record SnapshotImport(Map<SnapshotKind, Long> written, Map<SnapshotKind, Long> alreadyPresent) {
    public SnapshotImport {
        written = copy(Validate.notNull("written", written));
        alreadyPresent = copy(Validate.notNull("alreadyPresent", alreadyPresent));
    }

    private static Map<SnapshotKind, Long> copy(Map<SnapshotKind, Long> m) {
        EnumMap<SnapshotKind, Long> out = new EnumMap<>(SnapshotKind.class);
        out.putAll(m);
        return Collections.unmodifiableMap(out);
    }

    public long totalWritten() {
        return written.values().stream().mapToLong(Long::longValue).sum();
    }
}
