package dev.iamkit.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.iamkit.jooq.PostgresIam;
import dev.iamkit.jooq.PostgresIamConfig;
import dev.iamkit.model.Actor;
import dev.iamkit.model.NewRole;
import dev.iamkit.model.RoleId;
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
    /** {@link WriteBenchmarks#auditedWriteFloor}'s statements ({@link FloorWrites#auditedStatements}). */
    String floorWrite;
    String schema;
    private final AtomicInteger threads = new AtomicInteger();

    @Setup(Level.Trial)
    public void open() {
        BenchTarget target = BenchTarget.fromSystemProperties();
        pool = target.pool("iamkit-bench-writes", PostgresState.POOL_SIZE);
        db = PostgresIam.create(pool, PostgresIamConfig.defaults().withSchema(target.schema()), Clock.systemUTC());
        baselineInsert = FloorWrites.baselineInsert(target.schema());
        floorWrite = FloorWrites.auditedStatements(target.schema());
        schema = target.schema();
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

    /**
     * The world of {@link AccessBenchmarks}, for the role and grant writes, and a role of its own
     * for {@link WriteBenchmarks#replace1000Floor}, holding the world's first set of 1000 grants.
     */
    @State(Scope.Benchmark)
    public static class Grants {
        World world;
        private final String[] floor = new String[2];
        private boolean flipped;
        private boolean floorFlipped;

        @Setup(Level.Trial)
        public void open(WriteState s) {
            world = World.create(s.db);
            RoleId floorRole = s.db.inTenant(world.org(), Actor.system(), tx -> {
                RoleId r = tx.roles().create(new NewRole("floor", "Floor")).id();
                tx.grants().replace(r, world.thousand());
                return r;
            });
            floor[0] = WriteData.floorReplace(s.schema, world.org().value(), floorRole.value(), world.otherThousand());
            floor[1] = WriteData.floorReplace(s.schema, world.org().value(), floorRole.value(), world.thousand());
            for (String statement : floor) {   // a floor that wrote less than the replacement would flatter it
                int inserted = FloorWrites.transaction(s.pool, statement);
                if (inserted != world.thousand().size()) {
                    throw new IllegalStateException("the replacement's floor inserted " + inserted + " grants, not " + world.thousand().size());
                }
            }
        }

        /** Alternates true and false, call by call. */
        synchronized boolean flip() {
            flipped = !flipped;
            return flipped;
        }

        /** {@link #flip} for the floor's role. */
        synchronized boolean floorFlip() {
            floorFlipped = !floorFlipped;
            return floorFlipped;
        }

        /** The floor's statement that leaves the other set, then the first, in turn. */
        String floorReplace(boolean toOthers) {
            return floor[toOthers ? 0 : 1];
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
