package dev.iamkit.snapshot;

import dev.iamkit.model.OrgId;
import dev.iamkit.model.Validate;
import java.util.Optional;

/**
 * What a snapshot holds: the whole store, or one organization ({@link SnapshotKind.InOrg} says
 * which rows of each kind that is).
 */
public record SnapshotScope(Optional<OrgId> org) {
    public SnapshotScope {
        org = Validate.present("org", org);
    }

    public static SnapshotScope wholeStore() {
        return new SnapshotScope(Optional.empty());
    }

    public static SnapshotScope organization(OrgId org) {
        return new SnapshotScope(Optional.of(Validate.notNull("org", org)));
    }

    /** How the header of a file names it: {@code store} or {@code org:<id>}. */
    public String wireName() {
        return org.map(o -> "org:" + o).orElse("store");
    }

    /** Whether rows of {@code kind} are in this scope at all. */
    public boolean includes(SnapshotKind kind) {
        return org.isEmpty() || kind.inOrg() != SnapshotKind.InOrg.NONE;
    }
}
