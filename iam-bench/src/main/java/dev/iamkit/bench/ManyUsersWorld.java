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
     * Asks once for every user (each compiles and is kept), then again: the second round must be
     * answered from memory only, else the figure would not be of cached checks.
     */
    final void warm(Supplier<CacheMetrics> metrics) {
        for (int round = 0; round < 2; round++) {
            long misses = metrics.get().misses();
            for (int i = 0; i < users.length; i++) {
                if (!check(i)) {
                    throw new StorageException(StorageException.Kind.REJECTED, "the many-users world does not grant what it should");
                }
            }
            if (round == 1 && metrics.get().misses() != misses) {
                throw new StorageException(StorageException.Kind.REJECTED, "not every user's entry stayed cached: "
                        + (metrics.get().misses() - misses) + " of " + users.length + " compiled again");
            }
        }
    }
}
