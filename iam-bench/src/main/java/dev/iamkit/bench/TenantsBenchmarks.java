package dev.iamkit.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * The compile a cache miss makes and the uncached check, on the {@link TenantsWorld}, beside
 * what a round trip costs through the same pool: {@code SELECT 1}, and the floors a check
 * function cannot go below (one prepared primary-key lookup that sets the tenant in the same
 * statement, under row level security and, on a catalog table, without it).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TenantsBenchmarks {
    /** The tenant set in the statement, as the store's own one-statement calls set it. */
    static final String TENANT = "WITH t(o) AS (SELECT set_config('iamkit.org_id', ?, true)::uuid) ";
    private static final String FLOOR_WITHOUT_RLS = TENANT
            + "SELECT c.relname::text FROM t JOIN pg_catalog.pg_class c ON c.oid = 'pg_class'::regclass AND t.o IS NOT NULL WHERE ?::uuid IS NOT NULL";

    /**
     * A cache miss: every cached answer is dropped, so the check compiles the user's access and keeps
     * it. The store still holds what the organization's members share (V34), as it does after any
     * other member's compile since the organization's last change to it: the common miss.
     */
    @Benchmark
    public boolean cacheMissCompile(TenantsState s) {
        s.db.accessCache().invalidateAll();
        return s.cached.check(TenantsWorld.user(), TenantsWorld.feature(), TenantsWorld.action());
    }

    @Benchmark
    public boolean tenantsUncachedCheck(TenantsState s) {
        return s.uncached.check(TenantsWorld.user(), TenantsWorld.feature(), TenantsWorld.action());
    }

    /** {@code Consistency.full()} with the user's entry current: one read of the revisions, the answer from memory. */
    @Benchmark
    public boolean tenantsFullCheck(TenantsState s) {
        return s.full.check(TenantsWorld.user(), TenantsWorld.feature(), TenantsWorld.action());
    }

    /** Four checks in one uncached {@code checkAll}: one call of {@code can_all} (V12), its checks as arrays. */
    @Benchmark
    public Object tenantsUncachedCheckAll(TenantsState s) {
        return s.uncached.checkAll(TenantsWorld.user(), FOUR);
    }

    private static final java.util.List<dev.iamkit.model.Permission> FOUR = java.util.stream.IntStream.range(0, 4)
            .mapToObj(i -> dev.iamkit.model.Permission.of(TenantsWorld.feature(), "a" + i)).toList();

    @Benchmark
    public int tenantsSelectOne(TenantsState s) throws SQLException {
        return AccessBenchmarks.selectOne(s.pool);
    }

    /** The floor under row level security: the member's membership row by its primary key, the tenant set in the statement. */
    @Benchmark
    public String floorKeyLookupUnderRls(TenantsState s) throws SQLException {
        return one(s, s.floorUnderRls);
    }

    /**
     * The floor of a cache miss: one row by key from each of the tables a compile reads, in one
     * statement under row level security ({@link TenantsState#floorCompileTables}).
     */
    @Benchmark
    public String floorCompileTables(TenantsState s) throws SQLException {
        return one(s, s.floorCompileTables);
    }

    /** The same statement on a table without row level security (a catalog row by its primary key). */
    @Benchmark
    public String floorKeyLookupWithoutRls(TenantsState s) throws SQLException {
        return one(s, FLOOR_WITHOUT_RLS);
    }

    /** The first column of the one row {@code sql} returns, its parameters the organization (as text) and the measured user. */
    static String one(TenantsState s, String sql) throws SQLException {
        try (Connection c = s.pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, s.org);
            ps.setString(2, TenantsWorld.user().value().toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
