package dev.iamkit.store;

import dev.iamkit.model.CleanupReport;

/** Removal of what can no longer be used, for a scheduled job or {@code iam cleanup}. */
public interface Housekeeping {

    /**
     * Deletes, at the clock's now: sessions that have expired or were revoked (with their refresh
     * tokens); magic-link challenges that have expired or were consumed; rate-limit windows that
     * have ended. Returns how many of each. Safe to run at any time and from several processes;
     * nothing still usable is touched.
     *
     * @throws dev.iamkit.error.StorageException when the store fails
     */
    CleanupReport cleanup();
}
