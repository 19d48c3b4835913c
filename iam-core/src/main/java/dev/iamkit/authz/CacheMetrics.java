package dev.iamkit.authz;

/**
 * Counters of the compiled-permission cache since the store was opened.
 *
 * @param hits questions answered from the cache
 * @param misses questions that had to compile the user's permissions (absent, out of date, or the cache not trusted)
 * @param evictions entries dropped to keep the cache within its size
 * @param invalidations times the whole cache was dropped (global changes, a lost change listener)
 * @param size entries held now (approximate)
 * @param maximumSize the bound on entries; 0 when the cache is off
 * @param trusted whether the cache may answer now (false while the cache is off, while a change
 *        listener it depends on is down, or while no heartbeat younger than the staleness bound
 *        vouches for it)
 * @param bypassed questions answered by the store directly (one call each, no compile) because the
 *        cache could not answer; {@link Consistency#uncached()} questions are not counted (a
 *        {@link Consistency#full()} question is a hit when a current entry answers it, else a miss)
 */
public record CacheMetrics(long hits, long misses, long evictions, long invalidations, long size, long maximumSize, boolean trusted,
        long bypassed) {
}
