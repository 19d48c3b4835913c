package dev.iamkit.model;

import dev.iamkit.error.ValidationException;
/** What {@link dev.iamkit.store.Housekeeping#cleanup()} deleted, per kind. */
public record CleanupReport(long sessions, long magicLinks, long rateLimitWindows) {
    public CleanupReport {
        if (sessions < 0 || magicLinks < 0 || rateLimitWindows < 0) {
            throw new ValidationException("counts", "cannot be negative");
        }
    }

    public long total() {
        return sessions + magicLinks + rateLimitWindows;
    }
}
