package dev.iamkit.bench;

import dev.iamkit.error.ValidationException;
import java.util.List;
import java.util.Optional;

/**
 * How long and how widely to measure. {@link #quick} takes about five minutes on a 2-core
 * machine; {@link #full} takes several times longer for steadier figures.
 *
 * @param ownerUrl      a PostgreSQL URL of a role that may create schemas and roles (e.g. postgres);
 *                      without it only the in-memory store is measured
 * @param forks         JVMs per benchmark (0 runs in the runner's own JVM)
 * @param growthOrgs    organizations in the growth schema
 * @param growthGrants  the grant totals of the growth curve, ascending
 */
public record BenchSettings(String mode, Optional<String> ownerUrl, int forks, int warmupIterations, int measurementIterations,
        int iterationMillis, List<Integer> threads, int growthOrgs, List<Long> growthGrants) {
    public BenchSettings {
        threads = List.copyOf(threads);
        growthGrants = List.copyOf(growthGrants);
        if (warmupIterations < 0 || measurementIterations < 1 || iterationMillis < 10 || forks < 0 || threads.isEmpty()) {
            throw new ValidationException("settings", "bad benchmark settings: " + this);
        }
    }

    public static BenchSettings quick(Optional<String> ownerUrl) {
        return new BenchSettings("quick", ownerUrl, 1, 2, 2, 1000, List.of(1, 4, 16), 10_000, List.of(1_000L, 100_000L, 1_000_000L));
    }

    public static BenchSettings full(Optional<String> ownerUrl) {
        return new BenchSettings("full", ownerUrl, 2, 3, 5, 2000, List.of(1, 4, 16), 10_000, List.of(1_000L, 100_000L, 1_000_000L));
    }

    /** Seconds-long, in the runner's JVM, on small data: for testing the runner itself, not for figures. */
    public static BenchSettings smoke(Optional<String> ownerUrl) {
        return new BenchSettings("smoke", ownerUrl, 0, 0, 1, 100, List.of(1, 2), 100, List.of(100L, 1_000L));
    }
}
