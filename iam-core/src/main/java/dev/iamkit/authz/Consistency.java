package dev.iamkit.authz;

import dev.iamkit.model.GlobalRevision;
import dev.iamkit.model.Revision;
import dev.iamkit.model.Validate;
import java.util.Optional;

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
 *   <li>{@link #atLeast(GlobalRevision)}: never older than that revision of the store's global
 *       data (users, organizations, the catalog, menus), typically the one a global write returned
 *       ({@link dev.iamkit.IamDatabase#lastGlobalWriteRevision()}), wherever it was made;
 *       {@link #atLeast(Revision, GlobalRevision)} asks for both.</li>
 *   <li>{@link #full()}: reflects every change committed before the question was asked,
 *       wherever it was made. The cache answers only from an entry that one read of the store
 *       proves current (see {@link #full()}); otherwise the user's access is compiled anew.</li>
 *   <li>{@link #uncached()}: every answer evaluated by the store from its tables; memory is
 *       neither read nor filled. For diagnosis, and to verify the cache's answers.</li>
 * </ul>
 * Inside {@code inTenant} every answer reads the transaction itself, whatever the consistency.
 * An answer read from the store (with {@link #full()} or {@link #uncached()}, inside
 * {@code inTenant}, or while the cache is off or not trusted) satisfies every {@code atLeast}: it
 * sees everything committed.
 */
public sealed interface Consistency {

    static Consistency minimizeLatency() {
        return MinimizeLatency.INSTANCE;
    }

    /** Answers that reflect at least {@code revision}; the revision must be of the scope's organization. */
    static Consistency atLeast(Revision revision) {
        return new AtLeast(Optional.of(Validate.notNull("revision", revision)), Optional.empty());
    }

    /**
     * Answers that reflect at least {@code global}, a revision of the store's global data: a
     * user's status, the catalog and the rest as committed at it or later.
     */
    static Consistency atLeast(GlobalRevision global) {
        return new AtLeast(Optional.empty(), Optional.of(Validate.notNull("globalRevision", global)));
    }

    /** Answers that reflect at least both: the organization's {@code revision} and the store's {@code global} one. */
    static Consistency atLeast(Revision revision, GlobalRevision global) {
        return new AtLeast(Optional.of(Validate.notNull("revision", revision)), Optional.of(Validate.notNull("globalRevision", global)));
    }

    /**
     * Answers that reflect every change committed before the question was asked, in any process.
     * When the cache holds an entry for the user, one read of the store (one round trip on
     * PostgreSQL) takes the organization's current revision and the global revision at which
     * checks last depended on a change; the entry answers only if it is known to hold at both
     * (every revision since it was compiled has been heard and none can alter it), and has not
     * expired. Otherwise the user's access is compiled in one statement, which is current by
     * construction, and kept for the next question. Where the store cannot read both revisions in
     * one statement (Citus), each question is evaluated by the store, as with {@link #uncached()}.
     */
    static Consistency full() {
        return Full.INSTANCE;
    }

    /**
     * Every answer evaluated by the store from its tables, by the same rules a compile applies:
     * the cache is neither read nor filled. One call per question. For diagnosis, and to verify
     * the cache's answers against the store's.
     */
    static Consistency uncached() {
        return Uncached.INSTANCE;
    }

    /** See {@link Consistency#minimizeLatency()}. */
    enum MinimizeLatency implements Consistency {
        INSTANCE
    }

    /**
     * See {@link Consistency#atLeast(Revision)} and {@link Consistency#atLeast(GlobalRevision)}:
     * either revision may be absent, not both.
     */
    record AtLeast(Optional<Revision> revision, Optional<GlobalRevision> global) implements Consistency {
        public AtLeast {
            revision = Validate.present("revision", revision);
            global = Validate.present("globalRevision", global);
            if (revision.isEmpty() && global.isEmpty()) {
                throw new dev.iamkit.error.ValidationException("consistency", "atLeast needs a revision, a global revision or both");
            }
        }
    }

    /** See {@link Consistency#full()}. */
    enum Full implements Consistency {
        INSTANCE
    }

    /** See {@link Consistency#uncached()}. */
    enum Uncached implements Consistency {
        INSTANCE
    }
}
