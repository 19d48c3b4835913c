package dev.iamkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.IamDatabase;
import dev.iamkit.IamDatabases;
import dev.iamkit.model.NewUser;
import dev.iamkit.model.PasswordCheck;
import dev.iamkit.model.UserId;
import dev.iamkit.testkit.PostgresTestDatabase;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code iam password set|import|remove} against PostgreSQL: the secret comes from standard input only. */
class PasswordCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env, String stdin, String... args) {
        return IamCli.run(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out, true),
                new PrintWriter(err, true), args);
    }

    @Test
    void setImportAndRemoveAPasswordReadFromStandardInput() {
        PostgresTestDatabase pg = PostgresTestDatabase.get();
        String schema = pg.createSchema("iamkit_cli_password");
        try {
            Map<String, String> env = Map.of("DATABASE_URL", AppUrl.of(pg), "IAMKIT_MIGRATION_URL", OwnerUrl.of(pg), "IAMKIT_SCHEMA", schema);
            assertThat(run(env, "", "migrate")).as(err.toString()).isZero();
            UserId ana;
            try (IamDatabase db = IamDatabases.fromSettings(env)) {
                ana = db.users().create(new NewUser("ana@example.com", "Ana")).id();
            }

            assertThat(run(env, "typed on stdin\r\nnot read\n", "password", "set", "--email", "ANA@example.com")).as(err.toString()).isZero();
            assertThat(out.toString()).contains("password of user " + ana + " set").doesNotContain("typed on stdin");
            try (IamDatabase db = IamDatabases.fromSettings(env)) {
                assertThat(db.credentials().verify(ana, "typed on stdin")).isEqualTo(PasswordCheck.OK);
            }

            String bcrypt = "$2b$04$KBCwKxOzLha2MUDgW0PjXe9FJK3tpHIA5SOyWjsmj9bGwPvB5f/gC";
            assertThat(run(env, bcrypt + "\n", "password", "import", "--user", ana.toString())).as(err.toString()).isZero();
            try (IamDatabase db = IamDatabases.fromSettings(env)) {
                assertThat(db.credentials().verify(ana, "old-bcrypt-secret")).isEqualTo(PasswordCheck.OK);
                assertThat(db.credentials().info(ana).orElseThrow().algorithm()).isEqualTo("argon2id");
            }

            assertThat(run(env, "not a hash\n", "password", "import", "--user", ana.toString())).isEqualTo(1);
            assertThat(err.toString()).contains("iam: hash: must be a bcrypt hash").doesNotContain("not a hash");
            assertThat(run(env, "\n", "password", "set", "--email", "ana@example.com")).isEqualTo(1);
            assertThat(err.toString()).contains("iam: password: must not be empty");

            assertThat(run(env, "", "password", "remove", "--email", "ana@example.com")).as(err.toString()).isZero();
            assertThat(run(env, "", "password", "remove", "--email", "ana@example.com")).isZero();
            assertThat(out.toString()).contains("password of user " + ana + " removed").contains("user " + ana + " had no password");
        } finally {
            pg.dropSchema(schema);
        }
    }

    @Test
    void theUserIsNamedOnceAndAnUnknownOneIsReported() {
        Map<String, String> memory = Map.of("USE_DATABASE", "false");
        assertThat(run(memory, "x\n", "password", "set")).isEqualTo(2);
        assertThat(run(memory, "x\n", "password", "set", "--email", "a@example.com", "--user", "0190a0a0-0000-7000-8000-000000000000")).isEqualTo(2);
        assertThat(run(memory, "x\n", "password", "set", "--email", "nobody@example.com")).isEqualTo(1);
        assertThat(err.toString()).contains("iam: ").containsIgnoringCase("user");
    }
}
