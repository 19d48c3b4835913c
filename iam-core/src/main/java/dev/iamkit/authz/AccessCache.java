package dev.iamkit.authz;

/** What a host may see and do of a store's compiled-permission cache. */
public interface AccessCache {

    CacheMetrics metrics();

    /** Drops every entry; the next question of each user compiles afresh. */
    void invalidateAll();
}
