package dev.iamkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.testkit.PostgresTestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code iam migrate} as the owner, then {@code iam demo} twice as a login role that is only a member of the app role. */
class DemoOnPostgresTest {
    private static final String LOGIN = "iamkit_demo_login";
    private final PostgresTestDatabase pg = PostgresTestDatabase.get();
    private String schema;

    @BeforeEach
    void schema() {
        schema = pg.createSchema("iamkit_demo");
    }

    @AfterEach
    void drop() {
        pg.dropSchema(schema);
    }

    private String url(String user, String password) {
        return pg.jdbcUrl() + (pg.jdbcUrl().contains("?") ? "&" : "?") + "user=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + (password.isEmpty() ? "" : "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8));
    }

    private int run(Map<String, String> env, StringWriter out, StringWriter err, String... args) {
        return IamCli.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void theDemoRunsOnPostgresAsTheApplicationRoleAndCanRunAgain() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(run(Map.of("DATABASE_URL", url(pg.user(), pg.password()), "IAMKIT_SCHEMA", schema), out, err, "migrate"))
                .as(err.toString()).isZero();
        pg.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + LOGIN + "') THEN "
                + "CREATE ROLE " + LOGIN + " LOGIN PASSWORD 'demo'; END IF; END $$");
        pg.execute("GRANT iamkit_app TO " + LOGIN);
        Map<String, String> app = Map.of("DATABASE_URL", url(LOGIN, "demo"), "IAMKIT_SCHEMA", schema);

        for (int run = 0; run < 2; run++) {
            out = new StringWriter();
            err = new StringWriter();
            assertThat(run(app, out, err, "demo")).as(err.toString()).isZero();
            assertThat(out.toString()).contains("iamkit demo on the postgres store")
                    .containsPattern("chloe\\s+invoices\\.delete\\s+DENY\\s+a role assigned to the user denies it \\(role approver via team Finance\\)")
                    .containsPattern("ben\\s+invoices\\.create\\s+ALLOW")
                    .contains("grants.replace");
        }
    }
}
