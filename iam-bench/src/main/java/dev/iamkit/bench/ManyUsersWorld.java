package dev.iamkit.bench;

import dev.iamkit.authz.Authz;
import dev.iamkit.authz.CacheMetrics;
import dev.iamkit.error.StorageException;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.UserId;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * What the many-users benchmarks ask about, in either store: {@code users[i]} is asked about
 * through {@code authz[i]}, the default-consistency authz of the user's organization.
 */
abstract class ManyUsersWorld {
    UserId[] users;
    Authz[] authz;
    FeatureId feature;
    String action;

    /** A user picked at random with a thread-local PRNG. */
    final int pick() {
        return ThreadLocalRandom.current().nextInt(users.length);
    }

    final boolean check(int i) {
        return authz[i].check(users[i], feature, action);
    }

    /** Reads what {@link #check} reads of the pick before it calls the store: the cost of the pick alone. */
    final long touch(int i) {
        UUID u = users[i].value();
        return u.getMostSignificantBits() ^ u.getLeastSignificantBits() ^ (authz[i] == null ? 1 : 0) ^ feature.value().getLeastSignificantBits() ^ action.length();
    }

    /**
     * Asks for every user, round after round, until a whole round is answered from memory (no
     * compile, nothing sent past the cache): the first asks compile and keep each entry, and
     * those made before the store's change listener vouched for its cache were not kept. Refuses
     * to run when that never happens, else the figure would not be of cached checks.
     */
    final void warm(Supplier<CacheMetrics> metrics) {
        for (int round = 0; round < 10; round++) {
            CacheMetrics before = metrics.get();
            for (int i = 0; i < users.length; i++) {
                if (!check(i)) {
                    throw new StorageException(StorageException.Kind.REJECTED, "the many-users world does not grant what it should");
                }
            }
            CacheMetrics after = metrics.get();
            if (round > 0 && after.misses() == before.misses() && after.bypassed() == before.bypassed()) {
                return;
            }
        }
        CacheMetrics m = metrics.get();
        throw new StorageException(StorageException.Kind.REJECTED, "the users' entries do not stay cached: " + m.misses() + " misses, "
                + m.bypassed() + " questions past the cache, " + m.size() + " entries of " + m.maximumSize());
    }
}
