package dev.iamkit.authz;

import dev.iamkit.model.Revision;
import dev.iamkit.model.Validate;

/**
 * How fresh an answer of {@link Authz} must be. Checks are answered from an in-process cache of
 * each user's compiled permissions; this says when the cache may answer.
 *
 * <ul>
 *   <li>{@link #minimizeLatency()} (the default): whatever the cache holds, as long as nothing
 *       known to this process has changed since it was compiled. Changes made through this
 *       store object are known as soon as the call that made them returns; changes made through
 *       another process arrive through PostgreSQL {@code LISTEN/NOTIFY}, within milliseconds.</li>
 *   <li>{@link #atLeast(Revision)}: never older than that revision of the organization, typically
 *       the one a write returned ({@link dev.iamkit.TenantScope#lastWriteRevision()}), wherever it
 *       was made.</li>
 *   <li>{@link #full()}: bypasses the cache and reads the store.</li>
 * </ul>
 * Inside {@code inTenant} every answer reads the transaction itself, whatever the consistency.
 */
public sealed interface Consistency {

    static Consistency minimizeLatency() {
        return MinimizeLatency.INSTANCE;
    }

    /** Answers that reflect at least {@code revision}; the revision must be of the scope's organization. */
    static Consistency atLeast(Revision revision) {
        return new AtLeast(revision);
    }

    static Consistency full() {
        return Full.INSTANCE;
    }

    /** See {@link Consistency#minimizeLatency()}. */
    enum MinimizeLatency implements Consistency {
        INSTANCE
    }

    /** See {@link Consistency#atLeast(Revision)}. */
    record AtLeast(Revision revision) implements Consistency {
        public AtLeast {
            Validate.notNull("revision", revision);
        }
    }

    /** See {@link Consistency#full()}. */
    enum Full implements Consistency {
        INSTANCE
    }
}
