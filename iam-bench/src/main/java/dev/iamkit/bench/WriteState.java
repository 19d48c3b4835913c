package dev.iamkit.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.iamkit.jooq.PostgresIam;
import dev.iamkit.jooq.PostgresIamConfig;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The PostgreSQL store over a pool of the application login, for the write benchmarks, over the
 * rows {@link WriteData} loaded; the baseline write borrows from the same pool.
 */
@State(Scope.Benchmark)
public class WriteState {
    HikariDataSource pool;
    PostgresIam db;
    String baselineInsert;
    /** {@link WriteBenchmarks#auditedWriteFloor}'s two statements, literals only (the ids are the bench's own). */
    String floorWrite;
    private final AtomicInteger threads = new AtomicInteger();

    @Setup(Level.Trial)
    public void open() {
        BenchTarget target = BenchTarget.fromSystemProperties();
        pool = target.pool("iamkit-bench-writes", PostgresState.POOL_SIZE);
        db = PostgresIam.create(pool, PostgresIamConfig.defaults().withSchema(target.schema()), Clock.systemUTC());
        baselineInsert = "INSERT INTO " + target.schema() + "." + WriteData.BASELINE_TABLE + " (at) VALUES (now())";
        floorWrite = WriteData.floorWrite(target.schema());
    }

    /** 0, 1, 2... one number per benchmark thread. */
    int nextThread() {
        return threads.getAndIncrement();
    }

    @TearDown(Level.Trial)
    public void close() {
        db.close();
        pool.close();
    }

    /** The world of {@link AccessBenchmarks}, for the role and grant writes. */
    @State(Scope.Benchmark)
    public static class Grants {
        World world;
        private boolean flipped;

        @Setup(Level.Trial)
        public void open(WriteState s) {
            world = World.create(s.db);
        }

        /** Alternates true and false, call by call. */
        synchronized boolean flip() {
            flipped = !flipped;
            return flipped;
        }
    }

    /**
     * What one benchmark thread assigns: in organization 1 its own member (every thread in the
     * one organization), and in its own organization (1 to 4) that organization's first member.
     */
    @State(Scope.Thread)
    public static class Writer {
        int thread;

        @Setup(Level.Trial)
        public void open(WriteState s) {
            thread = s.nextThread() % WriteData.USERS;
        }
    }
}
