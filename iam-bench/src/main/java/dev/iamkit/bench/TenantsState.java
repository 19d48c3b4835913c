package dev.iamkit.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.iamkit.TenantScope;
import dev.iamkit.authz.Authz;
import dev.iamkit.authz.Consistency;
import dev.iamkit.error.StorageException;
import dev.iamkit.jooq.PostgresIam;
import dev.iamkit.jooq.PostgresIamConfig;
import java.time.Clock;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The PostgreSQL store over a pool of the application login, on a schema holding the
 * {@link TenantsWorld} (written by the runner before the fork starts).
 */
@State(Scope.Benchmark)
public class TenantsState {
    HikariDataSource pool;
    PostgresIam db;
    TenantScope tenant;
    Authz cached;
    Authz uncached;
    Authz full;
    /** The tenant, as text, for the floor statements that set it. */
    String org;
    /** The membership row of the user by its primary key, the tenant set in the same statement. */
    String floorUnderRls;

    @Setup(Level.Trial)
    public void open() throws InterruptedException {
        BenchTarget target = BenchTarget.fromSystemProperties();
        pool = target.pool("iamkit-bench-tenants", 4);
        db = PostgresIam.create(pool, PostgresIamConfig.defaults().withSchema(target.schema()), Clock.systemUTC());
        tenant = db.tenant(TenantsWorld.org());
        org = TenantsWorld.org().value().toString();
        floorUnderRls = TenantsBenchmarks.TENANT + "SELECT m.status FROM t JOIN " + target.schema()
                + ".membership m ON m.org_id = t.o AND m.user_id = ?::uuid";
        cached = tenant.authz();
        uncached = tenant.authz(Consistency.uncached());
        full = tenant.authz(Consistency.full());
        if (!uncached.check(TenantsWorld.user(), TenantsWorld.feature(), TenantsWorld.action())
                || !full.check(TenantsWorld.user(), TenantsWorld.feature(), TenantsWorld.action())) {
            throw new StorageException(StorageException.Kind.REJECTED, "the tenants world does not grant what it should");
        }
        // The cache serves once its change listener listens: until then a check would not compile.
        for (int i = 0; i < 100 && !compiles(); i++) {
            Thread.sleep(100);
        }
        if (!compiles()) {
            throw new StorageException(StorageException.Kind.REJECTED, "a cache miss did not compile: the cache is not serving");
        }
    }

    /** Whether a check after {@code invalidateAll} compiles (what the cache-miss benchmark times). */
    private boolean compiles() {
        long before = db.accessCache().metrics().misses();
        db.accessCache().invalidateAll();
        boolean allowed = cached.check(TenantsWorld.user(), TenantsWorld.feature(), TenantsWorld.action());
        return allowed && db.accessCache().metrics().misses() > before;
    }

    @TearDown(Level.Trial)
    public void close() {
        db.close();
        pool.close();
    }
}
