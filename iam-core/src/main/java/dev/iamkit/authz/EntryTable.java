package dev.iamkit.authz;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The entries of an {@link AuthzCache}: a hash table keyed by the four longs of an (organization,
 * user) pair, read without locks or allocation, written under a lock, bounded by a size.
 *
 * <p>Buckets hold immutable chains ({@link AuthzCache.Entry#next}): a write builds a new chain
 * and publishes it whole, so a reader walks a chain that was complete when it was published,
 * possibly an older one. That is enough for a cache whose entries are judged by their tags
 * (revisions, epoch, expiry) on every read, never by their presence: a reader that sees a
 * replaced or removed entry judges it as it would have judged it a moment earlier.
 *
 * <p>Over its size it evicts by the clock algorithm: a read marks its entry used, and the hand
 * sweeps buckets, unmarking used entries and evicting the first entry it finds unmarked.
 */
final class EntryTable {
    private static final VarHandle BUCKET = MethodHandles.arrayElementVarHandle(AuthzCache.Entry[].class);
    private static final int INITIAL = 16;

    private final long maximumSize;
    private volatile AuthzCache.Entry[] buckets = new AuthzCache.Entry[INITIAL];
    /** Written under {@code this}; read without it for metrics. */
    private volatile int size;
    private volatile long evictions;
    private int hand;

    EntryTable(long maximumSize) {
        this.maximumSize = maximumSize;
    }

    static int hash(long orgHi, long orgLo, long userHi, long userLo) {
        long h = userHi * 0x9E3779B97F4A7C15L ^ userLo;
        h ^= orgHi * 0xC2B2AE3D27D4EB4FL ^ Long.rotateLeft(orgLo, 31);
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 32));
    }

    AuthzCache.Entry get(long orgHi, long orgLo, long userHi, long userLo) {
        AuthzCache.Entry[] b = buckets;
        int i = hash(orgHi, orgLo, userHi, userLo) & (b.length - 1);
        for (var e = (AuthzCache.Entry) BUCKET.getAcquire(b, i); e != null; e = e.next) {
            if (e.userLo == userLo && e.userHi == userHi && e.orgLo == orgLo && e.orgHi == orgHi) {
                return e;
            }
        }
        return null;
    }

    /** Keeps {@code fresh} in place of any entry of the same pair, evicting another if that makes one too many. */
    synchronized void put(AuthzCache.Entry fresh) {
        AuthzCache.Entry[] b = buckets;
        int i = fresh.hash & (b.length - 1);
        var head = (AuthzCache.Entry) BUCKET.getAcquire(b, i);
        AuthzCache.Entry rest = without(head, fresh);
        BUCKET.setRelease(b, i, fresh.withNext(rest));
        if (rest == head) {
            size++;
            if (size > maximumSize) {
                evictOne(fresh);
            }
            if (size > b.length - (b.length >>> 2)) {
                resize(b);
            }
        }
    }

    synchronized void clear() {
        buckets = new AuthzCache.Entry[INITIAL];
        size = 0;
        hand = 0;
    }

    int size() {
        return size;
    }

    long evictions() {
        return evictions;
    }

    /** The chain {@code head} without the entry of {@code key}'s pair (the same chain when it has none). */
    private static AuthzCache.Entry without(AuthzCache.Entry head, AuthzCache.Entry key) {
        if (head == null) {
            return null;
        }
        if (head.samePair(key)) {
            return head.next;
        }
        AuthzCache.Entry rest = without(head.next, key);
        return rest == head.next ? head : head.withNext(rest);
    }

    /** Sweeps from the hand for an entry not used since the last sweep, never {@code spare} (just kept). */
    private void evictOne(AuthzCache.Entry spare) {
        AuthzCache.Entry[] b = buckets;
        for (int steps = 0; steps <= 2 * b.length; steps++) {
            int i = hand;
            var head = (AuthzCache.Entry) BUCKET.getAcquire(b, i);
            for (var e = head; e != null; e = e.next) {
                if (!e.used && !e.samePair(spare)) {
                    BUCKET.setRelease(b, i, without(head, e));
                    size--;
                    evictions++;
                    return;
                }
                e.used = false;
            }
            hand = (i + 1) & (b.length - 1);
        }
    }

    private void resize(AuthzCache.Entry[] old) {
        var b = new AuthzCache.Entry[old.length * 2];
        for (AuthzCache.Entry head : old) {
            for (var e = head; e != null; e = e.next) {
                int i = e.hash & (b.length - 1);
                b[i] = e.withNext(b[i]);
            }
        }
        hand = 0;
        buckets = b;
    }
}
