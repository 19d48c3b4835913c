package dev.iamkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.IamDatabase;
import dev.iamkit.IamDatabases;
import dev.iamkit.model.NewSession;
import dev.iamkit.model.NewUser;
import dev.iamkit.model.UserId;
import dev.iamkit.testkit.PostgresTestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code iam cleanup} against PostgreSQL: counts per kind, then nothing left. */
class CleanupCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env, String... args) {
        return IamCli.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void cleanupPrintsWhatItDeletedPerKind() {
        PostgresTestDatabase pg = PostgresTestDatabase.get();
        String schema = pg.createSchema("iamkit_cli_cleanup");
        try {
            Map<String, String> env = Map.of("DATABASE_URL", AppUrl.of(pg), "IAMKIT_MIGRATION_URL", OwnerUrl.of(pg), "IAMKIT_SCHEMA", schema,
                    "IAMKIT_CACHE_SIZE", "0");
            assertThat(run(env, "migrate")).as(err.toString()).isZero();
            try (IamDatabase db = IamDatabases.fromSettings(env)) {
                UserId ana = db.users().create(new NewUser("ana@example.com", "Ana")).id();
                var s = db.sessions().create(NewSession.of(ana, db.clock().instant().plus(Duration.ofDays(1))));
                db.sessions().revoke(s.session().id());
                db.sessions().create(NewSession.of(ana, db.clock().instant().plus(Duration.ofDays(1))));
            }
            out.getBuffer().setLength(0);
            assertThat(run(env, "cleanup")).as(err.toString()).isZero();
            assertThat(out.toString()).containsPattern("sessions\\s+1").containsPattern("magic links\\s+0").contains("1 row(s) deleted");
            assertThat(run(env, "cleanup")).isZero();
            assertThat(out.toString()).contains("0 row(s) deleted");
        } finally {
            pg.dropSchema(schema);
        }
    }
}
