package dev.iamkit.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * Cached checks of a user picked at random among many, each with an entry in the cache. The pick
 * alone (a thread-local PRNG, the user's id and organization read from arrays) is measured by
 * its own methods, so what the check itself costs is the difference.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ManyUsersBenchmarks {

    @Benchmark
    public boolean cachedCheckManyUsers(ManyUsersState s) {
        return s.check(s.pick());
    }

    @Benchmark
    public long pickManyUsers(ManyUsersState s) {
        return s.touch(s.pick());
    }

    @Benchmark
    public boolean inMemoryCheckManyUsers(MemoryManyUsersState s) {
        return s.check(s.pick());
    }

    @Benchmark
    public long pickInMemoryManyUsers(MemoryManyUsersState s) {
        return s.touch(s.pick());
    }
}
