package dev.iamkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.IamDatabase;
import dev.iamkit.IamDatabases;
import dev.iamkit.model.NewUser;
import dev.iamkit.model.User;
import dev.iamkit.testkit.PostgresTestDatabase;
import dev.iamkit.testkit.TestAuditKeys;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code iam personal-data} against PostgreSQL: plain users encrypted, then moved to a new master key, until none is left. */
class PersonalDataCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env, String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return IamCli.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private static Map<String, String> with(Map<String, String> env, String keys) {
        Map<String, String> m = new HashMap<>(env);
        m.put("IAMKIT_MASTER_KEYS", keys);
        return m;
    }

    private static String key(String id, int n) {
        return id + ":" + Base64.getEncoder().encodeToString(TestAuditKeys.material(n));
    }

    @Test
    void encryptsPlainUsersThenRewrapsThemUnderTheNewMasterKey() {
        PostgresTestDatabase pg = PostgresTestDatabase.get();
        String schema = pg.createSchema("iamkit_cli_personal");
        try {
            Map<String, String> plain = Map.of("DATABASE_URL", AppUrl.of(pg), "IAMKIT_MIGRATION_URL", OwnerUrl.of(pg), "IAMKIT_SCHEMA", schema,
                    "IAMKIT_CACHE_SIZE", "0");
            assertThat(run(plain, "migrate")).as(err.toString()).isZero();
            List<User> users = new ArrayList<>();
            try (IamDatabase db = IamDatabases.fromSettings(plain)) {
                for (int i = 0; i < 3; i++) {
                    users.add(db.users().create(new NewUser("user" + i + "@example.com", "User " + i)));
                }
            }
            assertThat(run(plain, "personal-data", "encrypt-existing")).isEqualTo(1);
            assertThat(err.toString()).contains("IAMKIT_MASTER_KEYS");

            Map<String, String> m1 = with(plain, key("m1", 21));
            assertThat(run(m1, "personal-data", "encrypt-existing", "--batch-size", "2")).as(err.toString()).isZero();
            assertThat(out.toString()).contains("3 user(s) encrypted");
            assertThat(run(m1, "personal-data", "encrypt-existing")).isZero();
            assertThat(out.toString()).contains("0 user(s) encrypted");

            Map<String, String> m2 = with(plain, key("m2", 22) + "," + key("m1", 21));
            assertThat(run(m2, "personal-data", "rewrap", "--batch-size", "1")).as(err.toString()).isZero();
            assertThat(out.toString()).contains("3 user(s) re-wrapped");
            try (IamDatabase db = IamDatabases.fromSettings(with(plain, key("m2", 22)))) {
                for (User u : users) {
                    assertThat(db.users().findByEmail(u.email())).contains(u);
                }
            }
            assertThat(run(m2, "personal-data", "shred")).isEqualTo(2);
        } finally {
            pg.dropSchema(schema);
        }
    }
}
