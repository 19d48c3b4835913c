package dev.iamkit.authz;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The reach ({@link Impact}) of an organization's most recent committed revisions, as heard by
 * the cache, so that an entry compiled at revision {@code r} can be carried forward to a later
 * revision {@code n} when every revision in {@code (r, n]} has been heard and none touches it.
 * A revision that was not heard (or has been overwritten, the log keeping the last
 * {@value #SIZE}) counts as touching everything: the answer is then compiled again, never guessed.
 *
 * <p>Slot {@code revision % SIZE} holds an immutable (revision, impact) pair, replaced whole by
 * compare-and-set, so a reader never sees one revision with another's reach.
 */
final class ChangeLog {
    static final int SIZE = 256;
    private static final int MASK = SIZE - 1;

    private record Slot(long revision, Impact impact) {
    }

    private final AtomicReferenceArray<Slot> slots = new AtomicReferenceArray<>(SIZE);

    /** Revision {@code revision} committed with reach {@code impact}. Heard twice with different reaches, it keeps {@link Impact#everything()}. */
    void heard(long revision, Impact impact) {
        int i = (int) (revision & MASK);
        while (true) {
            Slot held = slots.get(i);
            Slot next;
            if (held == null || held.revision < revision) {
                next = new Slot(revision, impact);
            } else if (held.revision > revision) {
                return;     // a newer revision owns the slot: this one is too old to matter
            } else if (held.impact.equals(impact) || held.impact == Impact.everything()) {
                return;
            } else {
                next = new Slot(revision, Impact.everything());
            }
            if (slots.compareAndSet(i, held, next)) {
                return;
            }
        }
    }

    /**
     * Whether some revision in {@code (from, to]} may alter the entry of {@code user} in
     * {@code teams}, reached by {@code roles} (null: not known): true when one of them does, or
     * was not heard.
     */
    boolean touches(long from, long to, UUID user, Set<UUID> teams, Set<UUID> roles) {
        if (to - from > SIZE) {
            return true;
        }
        for (long r = from + 1; r <= to; r++) {
            Slot s = slots.get((int) (r & MASK));
            if (s == null || s.revision != r || s.impact.touches(user, teams, roles)) {
                return true;
            }
        }
        return false;
    }
}
