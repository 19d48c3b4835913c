package dev.iamkit.authz;

import java.time.Duration;
import java.util.Optional;

/** What a host may see and do of a store's compiled-permission cache. */
public interface AccessCache {

    CacheMetrics metrics();

    /**
     * The most a default check answered from the cache may lag behind the store, when the store
     * bounds it (PostgreSQL: {@code IAMKIT_MAX_STALENESS}); empty when every change reaches the
     * cache as it is made (the in-memory store).
     */
    default Optional<Duration> maxStaleness() {
        return Optional.empty();
    }

    /** Drops every entry; the next question of each user compiles afresh. */
    void invalidateAll();
}
