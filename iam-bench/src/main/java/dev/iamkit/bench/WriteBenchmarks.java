package dev.iamkit.bench;

import dev.iamkit.model.Actor;
import dev.iamkit.model.Grant;
import dev.iamkit.model.NewRole;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Principal;
import dev.iamkit.model.Role;
import dev.iamkit.model.RoleId;
import dev.iamkit.model.UserId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * Writes of access data, each beside the smallest honest write through the same pool: borrow a
 * connection, insert one row into a table with one index, commit. Every store write here also
 * appends an audit event and moves the organization's revision, as every write of access data does.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WriteBenchmarks {
    private static final AtomicLong ROLES = new AtomicLong();

    /** The floor of a read: borrow, {@code SELECT 1}, give back. */
    @Benchmark
    public int selectOne(WriteState s) throws SQLException {
        try (Connection c = s.pool.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT 1"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The floor of a write: borrow, BEGIN and INSERT one row (one index), COMMIT with its WAL flush, give back. */
    @Benchmark
    public int baselineWrite(WriteState s) {
        return baseline(s, null);
    }

    /**
     * The baseline write with a {@code pg_notify} in its transaction, as the revision trigger sent
     * before V19: its commit takes PostgreSQL's notification lock through the WAL flush.
     */
    @Benchmark
    public int baselineWriteNotifying(WriteState s) {
        return baseline(s, "SELECT pg_notify('iamkit_bench_writes_baseline', 'w')");
    }

    private static int baseline(WriteState s, String alsoInTransaction) {
        return FloorWrites.baseline(s.pool, s.baselineInsert, alsoInTransaction);
    }

    /** The floor of an audited write ({@link FloorWrites#audited}), in the writes world's floor organization. */
    @Benchmark
    public void auditedWriteFloor(WriteState s) {
        FloorWrites.audited(s.pool, s.floorWrite, WriteData.org(WriteData.FLOOR), WriteData.role(WriteData.FLOOR), WriteData.user(WriteData.FLOOR, 0));
    }

    /**
     * The floor of {@link #replace1000Others}: the rows it writes and nothing else, as the
     * application login under row level security. In one round trip the tenant setting and one
     * statement that deletes a role's 1000 grants and inserts 1000 others (their foreign keys
     * checked, both indexes kept), alternating between the two sets; then COMMIT. No lock, no
     * counter, no audit event, no folded grants.
     */
    @Benchmark
    public int replace1000Floor(WriteState s, WriteState.Grants g) {
        return FloorWrites.transaction(s.pool, g.floorReplace(g.floorFlip()));
    }

    @Benchmark
    public Role createRole(WriteState s, WriteState.Grants g) {
        return s.db.tenant(g.world.org()).roles().create(new NewRole("w-" + ROLES.incrementAndGet(), "Bench role"));
    }

    /** 10 grants replaced by 10 others, back and forth: 10 rows deleted and 10 inserted. */
    @Benchmark
    public Object replace10Grants(WriteState s, WriteState.Grants g) {
        return s.db.tenant(g.world.org()).grants().replace(g.world.spareRole(), g.flip() ? g.world.ten() : g.world.otherTen());
    }

    /**
     * One grant of the spare role, its effect flipped at every call: a single-grant write (the grant
     * read and upserted, the counter moved, the audit event appended and the role's folded grants
     * rewritten).
     */
    @Benchmark
    public Object grantOne(WriteState s, WriteState.Grants g) {
        Grant first = g.world.ten().get(0);
        return s.db.tenant(g.world.org()).grants().grant(g.world.spareRole(),
                g.flip() ? Grant.allow(first.featureId(), first.action()) : Grant.deny(first.featureId(), first.action()));
    }

    /** The same 1000 grants again: the role's lock and a read of its grants; nothing changes, so nothing is written. */
    @Benchmark
    public Object replace1000Same(WriteState s, WriteState.Grants g) {
        return s.db.tenant(g.world.org()).grants().replace(g.world.spareRole(), g.world.thousand());
    }

    /** 1000 grants replaced by 1000 others, back and forth: every row deleted and inserted. */
    @Benchmark
    public Object replace1000Others(WriteState s, WriteState.Grants g) {
        return s.db.tenant(g.world.org()).grants().replace(g.world.spareRole(), g.flip() ? g.world.thousand() : g.world.otherThousand());
    }

    /** One assignment (re-)written in its own {@code inTenant} transaction: the upsert path, before and after audited. */
    @Benchmark
    public Object assignInTenant(WriteState s, WriteState.Writer w) {
        return assign(s, 1, w.thread);
    }

    /** Assign then unassign in one {@code inTenant} transaction: two writes, two audit events, one commit. */
    @Benchmark
    public boolean assignUnassignInTenant(WriteState s, WriteState.Writer w) {
        return assignUnassign(s, 1, w.thread);
    }

    /** As {@link #assignUnassignInTenant}, each thread in an organization of its own. */
    @Benchmark
    public boolean assignUnassignOwnOrg(WriteState s, WriteState.Writer w) {
        return assignUnassign(s, w.thread + 1, 0);
    }

    /** One write in an organization with about 100 audit events. */
    @Benchmark
    public Object assignSmallHistory(WriteState s) {
        return assign(s, WriteData.SMALL, 0);
    }

    /** One write in an organization with a long audit history. */
    @Benchmark
    public Object assignLargeHistory(WriteState s) {
        return assign(s, WriteData.LARGE, 0);
    }

    private static Object assign(WriteState s, int org, int user) {
        RoleId role = new RoleId(WriteData.role(org));
        Principal p = Principal.user(new UserId(WriteData.user(org, user)));
        return s.db.inTenant(new OrgId(WriteData.org(org)), Actor.system(), tx -> tx.assignments().assign(role, p, Optional.empty()));
    }

    private static boolean assignUnassign(WriteState s, int org, int user) {
        RoleId role = new RoleId(WriteData.role(org));
        Principal p = Principal.user(new UserId(WriteData.user(org, user)));
        return s.db.inTenant(new OrgId(WriteData.org(org)), Actor.system(), tx -> {
            tx.assignments().assign(role, p, Optional.empty());
            return tx.assignments().unassign(role, p);
        });
    }
}
