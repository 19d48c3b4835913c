package dev.iamkit.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.iamkit.IamDatabase;
import dev.iamkit.authz.AuthzCache;
import dev.iamkit.error.StorageException;
import dev.iamkit.jooq.PostgresIam;
import dev.iamkit.jooq.PostgresIamConfig;
import dev.iamkit.memory.InMemoryIam;
import dev.iamkit.model.NewUser;
import dev.iamkit.model.PasswordPolicy;
import dev.iamkit.model.User;
import dev.iamkit.support.AuditKeys;
import dev.iamkit.support.MasterKeys;
import dev.iamkit.support.PersonalDataCipher;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What encrypting personal data costs: a user create (a new data key, wrapped, and the sealed
 * row) and a find by e-mail (the blind index, then the unwrap and the open), with encryption off
 * and on, in memory (the crypto alone) and through PostgreSQL beside {@code SELECT 1}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PersonalDataBenchmarks {
    static final String FOUND = "bench.found@example.com";
    /** The report's name of each benchmark. */
    static final java.util.Map<String, String> LABELS = java.util.Map.of("memoryCreateUser", "user create, in memory",
            "memoryFindByEmail", "find user by e-mail, in memory", "postgresCreateUser", "user create through PostgreSQL",
            "postgresFindByEmail", "find user by e-mail through PostgreSQL", "personalSelectOne", "SELECT 1 through the same pool (personal data)");

    @Benchmark
    public User memoryCreateUser(Memory s) {
        return s.create();
    }

    @Benchmark
    public User memoryFindByEmail(Memory s) {
        return s.find();
    }

    @Benchmark
    public User postgresCreateUser(Postgres s) {
        return s.create();
    }

    @Benchmark
    public User postgresFindByEmail(Postgres s) {
        return s.find();
    }

    @Benchmark
    public int personalSelectOne(Postgres s) throws SQLException {
        return AccessBenchmarks.selectOne(s.pool);
    }

    /** The schema of the trials with encryption on, beside the runner's target schema. */
    static String encryptedSchema(String schema) {
        return schema + "_on";
    }

    abstract static class Users {
        IamDatabase db;
        private final AtomicLong next = new AtomicLong();
        private final String run = Long.toString(System.nanoTime(), 36);

        /** "off" or "on", the trial's parameter. */
        abstract String encryption();

        PersonalDataCipher cipher() {
            if (encryption().equals("off")) {
                return PersonalDataCipher.off();
            }
            byte[] key = new byte[MasterKeys.KEY_BYTES];   // the same in every trial: they reopen the same schema
            java.util.Arrays.fill(key, (byte) 7);
            return PersonalDataCipher.with(MasterKeys.current("bench", key));
        }

        void prepare(IamDatabase opened) {
            db = opened;
            db.users().findByEmail(FOUND).ifPresent(u -> db.users().delete(u.id()));
            db.users().create(new NewUser(FOUND, "Found Bench"));
            find();
        }

        User create() {
            return db.users().create(new NewUser("bench." + run + "." + next.incrementAndGet() + "@example.com", "Bench User"));
        }

        /** Must find the user, or the figure measures something else. */
        User find() {
            return db.users().findByEmail(FOUND)
                    .orElseThrow(() -> new StorageException(StorageException.Kind.REJECTED, "the benchmark's user was not found"));
        }
    }

    @State(Scope.Benchmark)
    public static class Memory extends Users {
        @Param({"off", "on"})
        public String encryption;

        @Override
        String encryption() {
            return encryption;
        }

        @Setup(Level.Trial)
        public void open() {
            prepare(InMemoryIam.create(Clock.systemUTC(), AuthzCache.DEFAULT_SIZE, AuditKeys.none(), PasswordPolicy.defaults(), cipher()));
        }

        @TearDown(Level.Trial)
        public void close() {
            db.close();
        }
    }

    @State(Scope.Benchmark)
    public static class Postgres extends Users {
        @Param({"off", "on"})
        public String encryption;
        HikariDataSource pool;

        @Override
        String encryption() {
            return encryption;
        }

        @Setup(Level.Trial)
        public void open() {
            BenchTarget target = BenchTarget.fromSystemProperties();
            pool = target.pool("iamkit-bench-personal", 4);
            // encrypted users in a schema of their own: a store with encryption off refuses to open over them
            String schema = encryption.equals("on") ? encryptedSchema(target.schema()) : target.schema();
            prepare(PostgresIam.create(pool, PostgresIamConfig.defaults().withSchema(schema).withPersonalData(cipher()), Clock.systemUTC()));
        }

        @TearDown(Level.Trial)
        public void close() {
            db.close();
            pool.close();
        }
    }
}
