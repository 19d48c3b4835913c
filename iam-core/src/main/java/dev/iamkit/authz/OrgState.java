package dev.iamkit.authz;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The highest committed revision heard of for one organization, and the reach of its recent
 * revisions (made when the first change of known reach is heard); shared by its entries and by
 * compiles in flight.
 */
final class OrgState extends AtomicLong {
    private volatile ChangeLog log;
    /** The latest revision heard whose reach is a role or everything; -1: none. */
    private final AtomicLong shared = new AtomicLong(-1);

    OrgState() {
        super(-1);
    }

    void advance(long revision) {
        accumulateAndGet(revision, Math::max);
    }

    /** Records the reach of {@code revision}, before it is known as the latest: a reader who sees the revision finds its reach. */
    void heard(long revision, Impact impact) {
        ChangeLog l = log;
        if (l == null && impact != Impact.everything()) {
            synchronized (this) {
                l = log;
                if (l == null) {
                    l = new ChangeLog();
                    log = l;
                }
            }
        }
        if (l != null) {
            l.heard(revision, impact);      // without a log, every revision touches everything anyway
        }
        if (impact.sharedByMembers()) {
            shared.accumulateAndGet(revision, Math::max);
        }
        advance(revision);
    }

    long sharedChangeHeard() {
        return shared.get();
    }

    /** Whether some revision in {@code (from, to]} may alter the answer {@code access}. */
    boolean touches(long from, long to, CompiledAccess access) {
        ChangeLog l = log;
        CompiledAccess.Dependencies d = access.dependencies();
        return l == null || l.touches(from, to, access.userId().value(), d.teams(), d.roles());
    }
}
