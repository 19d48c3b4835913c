package dev.iamkit.bench;

import dev.iamkit.model.NewRole;
import dev.iamkit.model.Role;
import dev.iamkit.model.User;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * One operation per benchmark method; the runner picks the mode (sample time for latency
 * percentiles, throughput for checks per second) and the thread count.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AccessBenchmarks {
    private static final AtomicLong ROLES = new AtomicLong();

    @Benchmark
    public boolean inMemoryCheck(MemoryState s) {
        return s.authz.check(s.world.user(), s.world.feature(), s.world.action());
    }

    @Benchmark
    public boolean cachedCheck(PostgresState s) {
        return s.cached.check(s.world.user(), s.world.feature(), s.world.action());
    }

    /** Evaluated by the store ({@code Consistency.uncached()}): one call of the check function. */
    @Benchmark
    public boolean uncachedCheck(PostgresState s) {
        return s.uncached.check(s.world.user(), s.world.feature(), s.world.action());
    }

    /** {@code Consistency.full()} with the user's entry current: one read of the revisions, the answer from memory. */
    @Benchmark
    public boolean fullCheck(PostgresState s) {
        return s.full.check(s.world.user(), s.world.feature(), s.world.action());
    }

    /** The floor: borrow a connection from the same pool, run {@code SELECT 1}, give it back. */
    @Benchmark
    public int selectOne(PostgresState s) throws SQLException {
        return selectOne(s.pool);
    }

    /** {@code SELECT 1} through {@code pool}: the baseline of every database benchmark. */
    static int selectOne(DataSource pool) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT 1"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Benchmark
    public Optional<Role> findRoleById(PostgresState s) {
        return s.tenant.roles().find(s.world.spareRole());
    }

    /** A global read: users are identity rows, read in the identity scope (the setting travels with the statement). */
    @Benchmark
    public Optional<User> findUserById(PostgresState s) {
        return s.db.users().find(s.world.user());
    }

    @Benchmark
    public Role createRole(PostgresState s) {
        return s.tenant.roles().create(new NewRole("r-" + ROLES.incrementAndGet(), "Bench role"));
    }

    /** 10 grants replaced by 10 others, back and forth: 10 rows deleted and 10 inserted. */
    @Benchmark
    public Object replace10Grants(PostgresState s) {
        return s.tenant.grants().replace(s.world.spareRole(), s.flip() ? s.world.ten() : s.world.otherTen());
    }

    /** The same 1000 grants again (a permission matrix saved unchanged): the role's lock and a read; nothing changes, so nothing is written. */
    @Benchmark
    public Object replace1000Grants(PostgresState s) {
        return s.tenant.grants().replace(s.world.spareRole(), s.world.thousand());
    }

    /** 1000 grants replaced by 1000 others, back and forth: the worst case, every row deleted and inserted. */
    @Benchmark
    public Object replace1000GrantsByOthers(PostgresState s) {
        return s.tenant.grants().replace(s.world.spareRole(), s.flip() ? s.world.thousand() : s.world.otherThousand());
    }
}
