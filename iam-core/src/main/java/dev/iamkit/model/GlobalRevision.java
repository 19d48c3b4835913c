package dev.iamkit.model;

/**
 * A point in the history of the store's global data: one counter for the whole store. Every
 * committed change to organizations, users, the catalog (modules, features and their actions,
 * views, their links) or the menu definition increases it, atomically with the change and in
 * commit order: a change that commits after another has a greater revision. A new store starts
 * at 0. Pass it to {@link dev.iamkit.authz.Consistency#atLeast(GlobalRevision)} to have answers
 * that are never older than it, in any process over the same store (the idea of Zanzibar's
 * zookies); {@link dev.iamkit.IamDatabase#lastGlobalWriteRevision()} gives the one a write
 * committed at.
 */
public record GlobalRevision(long value) implements Comparable<GlobalRevision> {
    public GlobalRevision {
        if (value < 0) {
            throw new dev.iamkit.error.ValidationException("globalRevision", "must not be negative");
        }
    }

    public static GlobalRevision of(long value) {
        return new GlobalRevision(value);
    }

    /** True if this revision is the same as or later than {@code other}. */
    public boolean isAtLeast(GlobalRevision other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(GlobalRevision other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return "global@" + value;
    }
}
