package dev.iamkit.authz;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.iamkit.error.ConfigurationException;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.UserId;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
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
 *       ({@link #orgChanged}); an entry compiled at an older one is out of date;</li>
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

    private record Key(OrgId org, UserId user) {
    }

    /** The highest committed revision heard of for one organization; shared by its entries and by compiles in flight. */
    private static final class OrgState {
        final AtomicLong latest = new AtomicLong(-1);

        void advance(long revision) {
            latest.accumulateAndGet(revision, Math::max);
        }
    }

    private record Entry(CompiledAccess access, OrgState org, long epoch) {
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
    private final Cache<Key, Entry> entries;
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
        this.entries = Caffeine.newBuilder().maximumSize(maximumSize).recordStats().build();
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
        Key key = new Key(org, user);
        Entry e = entries.getIfPresent(key);
        if (e != null && serving() && e.epoch == epoch.get() && e.access.revision() >= e.org.latest.get()
                && e.access.globalRevision() >= Math.max(atLeast.global(), globalHeard.get())
                && e.access.revision() >= atLeast.revision() && e.access.validAt(clock.millis())) {
            hits.increment();
            return e.access;
        }
        misses.increment();
        if (!enabled()) {
            return compile.get();
        }
        OrgState state = orgs.get(org, k -> new OrgState());   // held until the entry is made: changes heard meanwhile land here
        long startEpoch = epoch.get();
        boolean startTrusted = trusted;
        CompiledAccess fresh = compile.get();
        state.advance(fresh.revision());
        if (startTrusted && trusted && startEpoch == epoch.get() && fresh.revision() >= state.latest.get()
                && fresh.globalRevision() >= globalHeard.get()) {
            entries.put(key, new Entry(fresh, state, startEpoch));
        }
        return fresh;
    }

    /** A change to {@code org}'s access data committed at {@code revision}. */
    public void orgChanged(OrgId org, long revision) {
        OrgState state = orgs.getIfPresent(org);
        if (state != null) {
            state.advance(revision);
        }
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

    /** Something every entry may depend on changed and its revision is unknown, or changes may have been missed. */
    public void everythingChanged() {
        epoch.incrementAndGet();
        invalidations.increment();
        entries.invalidateAll();
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
        return new CacheMetrics(hits.sum(), misses.sum(), entries.stats().evictionCount(), invalidations.sum(),
                entries.estimatedSize(), maximumSize, serving(),
                bypassed.sum());
    }
}
