package dev.iamkit.bench;

import dev.iamkit.error.StorageException;
import com.zaxxer.hikari.HikariDataSource;
import dev.iamkit.TenantScope;
import dev.iamkit.authz.Authz;
import dev.iamkit.authz.Consistency;
import dev.iamkit.jooq.PostgresIam;
import dev.iamkit.jooq.PostgresIamConfig;
import java.time.Clock;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The PostgreSQL store over a HikariCP pool of the application login, and a world in it. The
 * {@code SELECT 1} baseline borrows from the same pool, so the comparison is like for like.
 */
@State(Scope.Benchmark)
public class PostgresState {
    /** Enough for the widest thread count the runner uses, plus the change listener's headroom. */
    static final int POOL_SIZE = 20;

    HikariDataSource pool;
    PostgresIam db;
    World world;
    TenantScope tenant;
    Authz cached;
    Authz uncached;
    Authz full;
    private boolean flipped;

    /** Alternates true and false, call by call (the replace benchmark runs on one thread). */
    synchronized boolean flip() {
        flipped = !flipped;
        return flipped;
    }

    @Setup(Level.Trial)
    public void open() {
        BenchTarget target = BenchTarget.fromSystemProperties();
        pool = target.pool("iamkit-bench", POOL_SIZE);
        db = PostgresIam.create(pool, PostgresIamConfig.defaults().withSchema(target.schema()), Clock.systemUTC());
        world = World.create(db);
        tenant = db.tenant(world.org());
        cached = tenant.authz();
        uncached = tenant.authz(Consistency.uncached());
        full = tenant.authz(Consistency.full());
        if (!cached.check(world.user(), world.feature(), world.action()) || !uncached.check(world.user(), world.feature(), world.action())
                || !full.check(world.user(), world.feature(), world.action())) {
            throw new StorageException(StorageException.Kind.REJECTED, "the benchmark world does not grant what it should");
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        db.close();
        pool.close();
    }
}
