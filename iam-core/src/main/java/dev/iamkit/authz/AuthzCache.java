package dev.iamkit.authz;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.iamkit.error.ConfigurationException;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.UserId;
import dev.iamkit.model.Validate;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The in-process cache of compiled permissions, one entry per (organization, user), each tagged
 * with the organization revision and the global revision it was compiled at. Stores tell it what
 * changed; it never answers from an entry that may be out of date:
 * <ul>
 *   <li>per organization it knows the latest committed revision it has heard of
 *       ({@link #orgChanged}) and what each recent revision can alter ({@link Impact}); an entry
 *       compiled at an older revision is out of date unless every revision since has been heard
 *       and none can alter it (a change to another user, to a role that does not reach the user,
 *       to a team the user is not in);</li>
 *   <li>it knows the latest global revision at which a change to global data that checks depend on
 *       (a user's status, the catalog) committed ({@link #globalChanged}); an entry compiled at an
 *       older one is out of date;</li>
 *   <li>when changes may have been missed, an epoch moves ({@link #everythingChanged}); entries of
 *       an older epoch are out of date;</li>
 *   <li>an entry is out of date from the earliest expiry it depends on, by the store's clock;</li>
 *   <li>while {@linkplain #setTrusted untrusted} (a change listener is down) it answers nothing
 *       from memory and keeps nothing;</li>
 *   <li>with a staleness bound, it answers only while the last heartbeat its listener sent
 *       through the notification channel and heard back ({@link #heard}) was sent less than the
 *       bound ago: every change committed before that heartbeat was sent has been heard, since
 *       PostgreSQL delivers notifications in commit order. So an answer from memory reflects
 *       every change committed longer than the bound ago, even when the listener has gone silent
 *       without noticing (a stalled backend, a network partition).</li>
 * </ul>
 * A compile that raced with a change is returned to its caller (it was right when it was read)
 * but not kept, so a late compile can never bury a newer change.
 */
public final class AuthzCache implements AccessCache {
    /** The setting that bounds the cache; {@code 0} turns it off. */
    public static final String SIZE_SETTING = "IAMKIT_CACHE_SIZE";
    public static final long DEFAULT_SIZE = 10_000;

    /**
     * One kept compile, with its key's four longs and what a check reads of it copied in, so that
     * a cached check follows two references from the table: to this entry and to its packed
     * permissions ({@link PermissionIndex}).
     */
    static final class Entry {
        final long orgHi;
        final long orgLo;
        final long userHi;
        final long userLo;
        final int hash;
        final Entry next;
        final CompiledAccess access;
        private final OrgState org;
        private final long epoch;
        private final long revision;
        private final long globalRevision;
        private final long validUntilMillis;
        private final long[] featureTable;
        private final String[] actionNames;
        /** Read since the clock hand last passed ({@link EntryTable}); a hint, so plain. */
        boolean used;
        /** The latest revision of the organization this answer is known to hold at: {@link #revision}, or later when nothing since touched it. */
        private volatile long validThrough;

        private Entry(UUID org, UUID user, CompiledAccess access, OrgState state, long epoch) {
            this(org.getMostSignificantBits(), org.getLeastSignificantBits(), user.getMostSignificantBits(), user.getLeastSignificantBits(),
                    access, state, epoch, null);
        }

        private Entry(long orgHi, long orgLo, long userHi, long userLo, CompiledAccess access, OrgState org, long epoch, Entry next) {
            this.orgHi = orgHi;
            this.orgLo = orgLo;
            this.userHi = userHi;
            this.userLo = userLo;
            this.hash = EntryTable.hash(orgHi, orgLo, userHi, userLo);
            this.next = next;
            this.access = access;
            this.org = org;
            this.epoch = epoch;
            this.revision = access.revision();
            this.globalRevision = access.globalRevision();
            this.validUntilMillis = access.validUntilMillis();
            this.featureTable = access.featureTable();
            this.actionNames = access.actionNames();
            this.validThrough = revision;
        }

        Entry withNext(Entry next) {
            Entry copy = new Entry(orgHi, orgLo, userHi, userLo, access, org, epoch, next);
            copy.validThrough = validThrough;
            return copy;
        }

        /**
         * The latest revision this answer holds at, given that {@code latest} is the organization's
         * latest heard: {@code latest} when every revision since the one it was known to hold at has
         * been heard and none can alter it, else that one.
         */
        long through(long latest) {
            long through = validThrough;
            if (through >= latest || org.touches(through, latest, access)) {
                return through;
            }
            validThrough = latest;      // racing readers store the same or another proven value: losing one only costs a recheck
            return latest;
        }

        boolean samePair(Entry o) {
            return userLo == o.userLo && userHi == o.userHi && orgLo == o.orgLo && orgHi == o.orgHi;
        }

        /** As {@link CompiledAccess#allows(FeatureId, String)} of {@link #access}. */
        boolean allows(FeatureId feature, String action) {
            return PermissionIndex.allows(featureTable, actionNames, feature, action);
        }
    }

    /**
     * The oldest revisions an answer may be compiled at ({@link Consistency.AtLeast}): of the
     * organization and of the store's global data; -1 where the caller asks for none.
     */
    public record Floor(long revision, long global) {
        public static final Floor NONE = new Floor(-1, -1);
    }

    private final long maximumSize;
    private final Clock clock;
    private final EntryTable entries;
    /** Weak values: an organization's state lives while an entry or a compile in flight holds it. */
    private final Cache<OrgId, OrgState> orgs = Caffeine.newBuilder().weakValues().build();
    private final AtomicLong epoch = new AtomicLong();
    /** The highest global revision heard of at which something checks depend on changed. */
    private final AtomicLong globalHeard = new AtomicLong(-1);
    private volatile boolean trusted;
    /** 0: no bound (the store tells the cache of every change itself); else how old the last heartbeat may be. */
    private final long maxStalenessNanos;
    private final LongSupplier ticker;
    /** By {@link #ticker}: when the last heartbeat heard stops vouching for the cache. */
    private volatile long freshUntil;
    private volatile CommitObserver observer = (org, revision, impact) -> { };
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder invalidations = new LongAdder();
    private final LongAdder bypassed = new LongAdder();

    /**
     * @param maximumSize entries kept at most; 0 turns the cache off (every question compiles)
     * @param trusted whether it may answer from the start (false for a store that must first hear its change listener)
     */
    public AuthzCache(long maximumSize, Clock clock, boolean trusted) {
        this(maximumSize, clock, trusted, Duration.ZERO, System::nanoTime);
    }

    /**
     * A cache that starts untrusted and answers only while heartbeats vouch for it: each
     * {@link #heard} lets it answer until {@code maxStaleness} after that heartbeat was sent.
     *
     * @param ticker monotonic nanoseconds ({@code System::nanoTime}); the store's clock, which
     *        tests may stop, decides expiries but never how old a heartbeat is
     */
    public AuthzCache(long maximumSize, Clock clock, Duration maxStaleness, LongSupplier ticker) {
        this(maximumSize, clock, false, maxStaleness, ticker);
        if (maxStaleness.isZero() || maxStaleness.isNegative()) {
            throw new ConfigurationException("maxStaleness must be positive");
        }
    }

    private AuthzCache(long maximumSize, Clock clock, boolean trusted, Duration maxStaleness, LongSupplier ticker) {
        if (maximumSize < 0) {
            throw new ConfigurationException("maximumSize must not be negative");
        }
        this.maximumSize = maximumSize;
        this.clock = clock;
        this.trusted = trusted;
        this.maxStalenessNanos = maxStaleness.toNanos();
        this.ticker = ticker;
        this.freshUntil = ticker.getAsLong();
        this.entries = new EntryTable(maximumSize);
    }

    /** The size {@code IAMKIT_CACHE_SIZE} asks for, or {@link #DEFAULT_SIZE}. */
    public static long maximumSize(Map<String, String> settings) {
        String v = settings.get(SIZE_SETTING);
        if (v == null || v.isBlank()) {
            return DEFAULT_SIZE;
        }
        try {
            long n = Long.parseLong(v.strip());
            if (n < 0 || n > 100_000_000) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigurationException(SIZE_SETTING + " must be a whole number from 0 (no cache) to 100000000, not '" + v + "'");
        }
    }

    public boolean enabled() {
        return maximumSize > 0;
    }

    /**
     * The compiled access of {@code user} in {@code org}: the cached one if it is up to date and
     * at least {@code atLeast}, else what {@code compile} reads (kept when nothing changed meanwhile).
     */
    public CompiledAccess get(OrgId org, UserId user, Floor atLeast, Supplier<CompiledAccess> compile) {
        Entry e = serving() ? fresh(org, user, atLeast) : null;
        if (e != null) {
            return e.access;
        }
        return compile(org, user, compile);
    }

    /**
     * What {@code compile} reads, never an entry held (counted as a miss); kept when nothing
     * changed meanwhile. For an answer that must be current ({@link Consistency#full()}): a compile
     * starts after the question was asked, so it reflects every change committed before.
     */
    public CompiledAccess compile(OrgId org, UserId user, Supplier<CompiledAccess> compile) {
        misses.increment();
        if (!enabled()) {
            return compile.get();
        }
        OrgState state = orgs.get(org, k -> new OrgState());   // held until the entry is made: changes heard meanwhile land here
        long startEpoch = epoch.get();
        boolean startTrusted = trusted;
        CompiledAccess fresh = compile.get();
        state.advance(fresh.revision());
        if (startTrusted && trusted && startEpoch == epoch.get() && fresh.revision() >= state.get()
                && fresh.globalRevision() >= globalHeard.get()) {
            entries.put(new Entry(org.value(), user.value(), fresh, state, startEpoch));
        }
        return fresh;
    }

    /**
     * The entry of {@code user} in {@code org} if it is up to date and at least {@code atLeast}
     * (counted as a hit), else null (counted as nothing: the caller goes on to {@link #get}). For
     * a caller that has just seen the cache {@linkplain #serving serving}: it does not ask again
     * (the ticker is read once per question). Reads no lock and allocates nothing.
     */
    Entry fresh(OrgId org, UserId user, Floor atLeast) {
        UUID o = org.value();
        UUID u = user.value();
        Entry e = entries.get(o.getMostSignificantBits(), o.getLeastSignificantBits(), u.getMostSignificantBits(), u.getLeastSignificantBits());
        long latest;
        long through;
        if (e != null && e.epoch == epoch.get() && (through = e.through(latest = e.org.get())) >= latest
                && e.globalRevision >= Math.max(atLeast.global(), globalHeard.get()) && through >= atLeast.revision()
                && (e.validUntilMillis == Long.MAX_VALUE || clock.millis() < e.validUntilMillis)) {
            if (!e.used) {
                e.used = true;
            }
            hits.increment();
            return e;
        }
        return null;
    }

    /** Whether an entry of {@code user} in {@code org} is held, up to date or not; counted as nothing. */
    boolean holds(OrgId org, UserId user) {
        UUID o = org.value();
        UUID u = user.value();
        return entries.get(o.getMostSignificantBits(), o.getLeastSignificantBits(), u.getMostSignificantBits(), u.getLeastSignificantBits()) != null;
    }

    /** Told of every revision its store committed ({@link #committed}), e.g. to announce it to other processes. */
    @FunctionalInterface
    public interface CommitObserver {
        void committed(OrgId org, long revision, Impact impact);
    }

    /** Replaces the observer of {@link #committed} revisions (none by default). */
    public void observeCommits(CommitObserver observer) {
        this.observer = Validate.notNull("observer", observer);
    }

    /** A revision this process's store committed: heard at once ({@link #orgChanged}), then passed to the observer. */
    public void committed(OrgId org, long revision, Impact impact) {
        orgChanged(org, revision, impact);
        observer.committed(org, revision, impact);
    }

    /** A change to {@code org}'s access data committed at {@code revision}, of unknown reach. */
    public void orgChanged(OrgId org, long revision) {
        orgChanged(org, revision, Impact.everything());
    }

    /**
     * A change to {@code org}'s access data committed at {@code revision} that can alter only the
     * answers {@code impact} touches: the others stay valid past it. Each revision is reported by
     * the process that made it, by the change listener, or both; an entry is carried past a
     * revision only when its reach has been heard.
     */
    public void orgChanged(OrgId org, long revision, Impact impact) {
        Validate.notNull("impact", impact);
        OrgState state = orgs.getIfPresent(org);
        if (state != null) {
            state.heard(revision, impact);
        }
    }

    /**
     * The latest revision of {@code org} this cache has heard of whose change may alter what the
     * organization's members share ({@link Impact#sharedByMembers}); -1 when none was heard since
     * the cache began to track the organization. A store's copy of those shared parts read before
     * that revision is out of date; one read after it may be too, from a change not heard yet.
     */
    public long sharedChangeHeard(OrgId org) {
        OrgState state = orgs.getIfPresent(org);
        return state == null ? -1 : state.sharedChangeHeard();
    }

    /**
     * A change to global data that checks may depend on (a user's status, the catalog) committed
     * at global {@code revision}: every entry compiled at an older global revision is out of date.
     */
    public void globalChanged(long revision) {
        if (globalHeard.getAndAccumulate(revision, Math::max) < revision) {
            invalidations.increment();
        }
    }

    /**
     * The latest global revision of a change that checks depend on that this cache has heard of
     * (from its own store's writes, the change listener or its poll); -1 before the first.
     */
    public long globalRevisionHeard() {
        return globalHeard.get();
    }

    /** Something every entry may depend on changed and its revision is unknown, or changes may have been missed. */
    public void everythingChanged() {
        epoch.incrementAndGet();
        invalidations.increment();
        entries.clear();
    }

    /** While false, nothing is answered from memory or kept; turning it on drops everything held before. */
    public void setTrusted(boolean trusted) {
        if (trusted) {
            everythingChanged();
        }
        this.trusted = trusted;
        if (!trusted) {
            everythingChanged();
        }
    }

    public boolean trusted() {
        return trusted;
    }

    /**
     * A heartbeat sent at {@code sentAtNanos} (by the ticker) came back through the notification
     * channel, after every notification committed before it: the cache may answer until
     * {@code maxStaleness} after it was sent.
     */
    public void heard(long sentAtNanos) {
        long until = sentAtNanos + maxStalenessNanos;
        synchronized (this) {
            if (until - freshUntil > 0) {
                freshUntil = until;
            }
        }
    }

    /**
     * Whether a question may be answered from memory now: the cache is on, trusted, and (with a
     * staleness bound) vouched for by a heartbeat sent less than the bound ago. When it may not,
     * {@link CachingAuthz} asks the store directly: one call, no compile.
     */
    public boolean serving() {
        return maximumSize > 0 && trusted && (maxStalenessNanos == 0 || ticker.getAsLong() - freshUntil < 0);
    }

    /** Counts a question that went to the store directly because the cache was not {@linkplain #serving serving}. */
    void bypassed() {
        bypassed.increment();
    }

    @Override
    public java.util.Optional<Duration> maxStaleness() {
        return maxStalenessNanos == 0 ? java.util.Optional.empty() : java.util.Optional.of(Duration.ofNanos(maxStalenessNanos));
    }

    @Override
    public void invalidateAll() {
        everythingChanged();
    }

    @Override
    public CacheMetrics metrics() {
        return new CacheMetrics(hits.sum(), misses.sum(), entries.evictions(), invalidations.sum(),
                entries.size(), maximumSize, serving(),
                bypassed.sum());
    }
}
