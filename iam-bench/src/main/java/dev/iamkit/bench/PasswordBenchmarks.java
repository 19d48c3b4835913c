package dev.iamkit.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.iamkit.error.StorageException;
import dev.iamkit.jooq.PostgresIam;
import dev.iamkit.jooq.PostgresIamConfig;
import dev.iamkit.memory.InMemoryIam;
import dev.iamkit.model.NewUser;
import dev.iamkit.model.PasswordCheck;
import dev.iamkit.model.PasswordInfo;
import dev.iamkit.model.UserId;
import dev.iamkit.IamDatabase;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One password verification at the default policy (Argon2id m=19456 KiB, t=2, p=1): in memory,
 * where it is the hash alone, and through PostgreSQL, where the lookup of the stored hash is one
 * round trip more; the lookup alone beside {@code SELECT 1} through the same pool.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PasswordBenchmarks {
    static final String PASSWORD = "correct horse battery staple";
    static final String EMAIL = "bench.password@example.com";

    @Benchmark
    public PasswordCheck inMemoryPasswordVerify(Memory s) {
        return s.verify();
    }

    @Benchmark
    public PasswordCheck postgresPasswordVerify(Postgres s) {
        return s.verify();
    }

    /** What verify reads before it hashes: the stored hash, one statement; {@code info} reads the same row. */
    @Benchmark
    public Optional<PasswordInfo> postgresPasswordLookup(Postgres s) {
        return s.db.credentials().info(s.user);
    }

    @Benchmark
    public int passwordsSelectOne(Postgres s) throws SQLException {
        return AccessBenchmarks.selectOne(s.pool);
    }

    /** A user with a password at the default policy; every verify must answer OK, or the figure measures something else. */
    abstract static class OneUser {
        IamDatabase db;
        UserId user;

        void prepare(IamDatabase opened) {
            db = opened;
            // each benchmark method is its own trial over the same schema
            user = db.users().findByEmail(EMAIL).orElseGet(() -> db.users().create(new NewUser(EMAIL, "Bench"))).id();
            db.credentials().set(user, PASSWORD);
            verify();
        }

        PasswordCheck verify() {
            PasswordCheck c = db.credentials().verify(user, PASSWORD);
            if (!c.ok()) {
                throw new StorageException(StorageException.Kind.REJECTED, "the benchmark's password did not verify: " + c);
            }
            return c;
        }
    }

    @State(Scope.Benchmark)
    public static class Memory extends OneUser {
        @Setup(Level.Trial)
        public void open() {
            prepare(InMemoryIam.create());
        }

        @TearDown(Level.Trial)
        public void close() {
            db.close();
        }
    }

    @State(Scope.Benchmark)
    public static class Postgres extends OneUser {
        HikariDataSource pool;

        @Setup(Level.Trial)
        public void open() {
            BenchTarget target = BenchTarget.fromSystemProperties();
            pool = target.pool("iamkit-bench-passwords", 4);
            prepare(PostgresIam.create(pool, PostgresIamConfig.defaults().withSchema(target.schema()), Clock.systemUTC()));
        }

        @TearDown(Level.Trial)
        public void close() {
            db.close();
            pool.close();
        }
    }
}
