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
    /** One row by key from each of the {@value #COMPILE_TABLES} tables a compile reads, the tenant set in the same statement. */
    String floorCompileTables;
    static final int COMPILE_TABLES = 8;

    @Setup(Level.Trial)
    public void open() throws InterruptedException {
        BenchTarget target = BenchTarget.fromSystemProperties();
        pool = target.pool("iamkit-bench-tenants", 4);
        db = PostgresIam.create(pool, PostgresIamConfig.defaults().withSchema(target.schema()), Clock.systemUTC());
        tenant = db.tenant(TenantsWorld.org());
        org = TenantsWorld.org().value().toString();
        floorUnderRls = TenantsBenchmarks.TENANT + "SELECT m.status FROM t JOIN " + target.schema()
                + ".membership m ON m.org_id = t.o AND m.user_id = ?::uuid";
        floorCompileTables = compileTables(target.schema());
        cached = tenant.authz();
        uncached = tenant.authz(Consistency.uncached());
        full = tenant.authz(Consistency.full());
        if (!uncached.check(TenantsWorld.user(), TenantsWorld.feature(), TenantsWorld.action())
                || !full.check(TenantsWorld.user(), TenantsWorld.feature(), TenantsWorld.action())) {
            throw new StorageException(StorageException.Kind.REJECTED, "the tenants world does not grant what it should");
        }
        String compileRows;
        try {
            compileRows = TenantsBenchmarks.one(this, floorCompileTables);
        } catch (java.sql.SQLException e) {
            throw new StorageException(StorageException.Kind.REJECTED, "the floor of a compile failed: " + e.getMessage());
        }
        if (compileRows == null || compileRows.split(",").length != COMPILE_TABLES || !compileRows.startsWith("ACTIVE,ACTIVE,")) {
            throw new StorageException(StorageException.Kind.REJECTED, "the floor of a compile did not read a row of each table: " + compileRows);
        }
        // The cache serves once its change listener listens: until then a check would not compile.
        for (int i = 0; i < 100 && !compiles(); i++) {
            Thread.sleep(100);
        }
        if (!compiles()) {
            throw new StorageException(StorageException.Kind.REJECTED, "a cache miss did not compile: the cache is not serving");
        }
    }

    /**
     * The floor of a compile: what it costs to open the tables a compile reads (V34's
     * {@code compile_member}, the organization's shared parts held by the store: the user, the
     * membership, both counters, the user's assignments, teams and their assignments, and the
     * inclusions) and read one row of each by key, in one prepared statement under row level
     * security, with no logic and nothing else returned.
     */
    private static String compileTables(String schema) {
        String s = schema + ".";
        String team = TenantsWorld.team().toString();
        String role = TenantsWorld.includingRole().toString();
        return TenantsBenchmarks.TENANT + ", u(id) AS (SELECT ?::uuid) SELECT concat_ws(',',"
                + " (SELECT x.status FROM " + s + "app_user x WHERE x.id = u.id),"
                + " (SELECT m.status FROM " + s + "membership m WHERE m.org_id = t.o AND m.user_id = u.id),"
                + " (SELECT c.revision FROM " + s + "org_counter c WHERE c.org_id = t.o),"
                + " (SELECT g.revision FROM " + s + "global_counter g),"
                + " (SELECT count(*) FROM " + s + "user_assignment a WHERE a.org_id = t.o AND a.user_id = u.id),"
                + " (SELECT count(*) FROM " + s + "team_member tm WHERE tm.org_id = t.o AND tm.user_id = u.id),"
                + " (SELECT count(*) FROM " + s + "team_assignment ta WHERE ta.org_id = t.o AND ta.team_id = '" + team + "'),"
                + " (SELECT count(*) FROM " + s + "role_inclusion i WHERE i.org_id = t.o AND i.role_id = '" + role + "'))"
                + " FROM t, u";
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
