package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.IamDatabase;
import dev.iamkit.model.Actor;
import dev.iamkit.model.IssuedApiKey;
import dev.iamkit.model.IssuedMagicLink;
import dev.iamkit.model.IssuedSession;
import dev.iamkit.model.NewApiKey;
import dev.iamkit.model.NewSession;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.UserId;
import dev.iamkit.testkit.MutableClock;
import dev.iamkit.testkit.PostgresTestDatabase;
import dev.iamkit.testkit.TestData;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What an operator's backup would hold: {@code pg_dump} of the schema with sessions, API keys,
 * magic-link challenges and passwords in it contains none of their plaintext secrets, nor the
 * random part of one.
 */
class SecretsInDumpTest {
    private static final PostgresFixture FIXTURE = new PostgresFixture("dump");

    private static Path pgDump() {
        for (String candidate : List.of("/usr/lib/postgresql/15/bin/pg_dump", "/usr/bin/pg_dump", "/usr/local/bin/pg_dump")) {
            Path p = Path.of(candidate);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new AssertionError("pg_dump not found: install the PostgreSQL client (apt-get install postgresql-client)");
    }

    static String dump(String schema) throws IOException, InterruptedException {
        PostgresTestDatabase pg = PostgresTestDatabase.get();
        URI uri = URI.create(pg.jdbcUrl().substring("jdbc:".length()));
        ProcessBuilder pb = new ProcessBuilder(pgDump().toString(), "--data-only", "--schema=" + schema,
                "--host=" + uri.getHost(), "--port=" + (uri.getPort() < 0 ? 5432 : uri.getPort()), "--username=" + pg.user(),
                "--dbname=" + uri.getPath().substring(1).replaceAll("\\?.*", ""));
        pb.environment().put("PGPASSWORD", pg.password());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void aDumpHoldsNoPlaintextSecret() throws Exception {
        MutableClock clock = new MutableClock();
        String sessionToken;
        String apiKey;
        String linkToken;
        byte[] auditKey = new byte[32];
        new java.security.SecureRandom().nextBytes(auditKey);
        try (IamDatabase db = FIXTURE.open(clock, dev.iamkit.support.AuditKeys.signingWith("k1", auditKey))) {
            TestData data = new TestData(db);
            UserId ana = data.user().id();
            OrgId org = data.org().id();
            IssuedSession s = db.sessions().create(NewSession.of(ana, clock.instant().plus(Duration.ofDays(1))));
            sessionToken = db.sessions().refresh(s.refreshToken()).refreshToken();
            IssuedApiKey k = db.tenant(org, Actor.user(ana)).apiKeys().create(new NewApiKey("CI", List.of("invoices:read")));
            apiKey = k.plaintext();
            IssuedMagicLink m = db.magicLinks().create("ana@example.com", "login", Duration.ofMinutes(10));
            linkToken = m.token();
            db.credentials().set(ana, "a password kept nowhere in clear");
        }
        String dump = dump(FIXTURE.schema());
        assertThat(dump).contains("COPY " + FIXTURE.schema() + ".user_session").contains("COPY " + FIXTURE.schema() + ".api_key ")
                .contains("COPY " + FIXTURE.schema() + ".magic_link_challenge");
        // the random part follows iks_, iml_ and ikk_<12-character lookup id>_ (base64url may itself hold '_')
        for (String random : List.of(sessionToken.substring(4), linkToken.substring(4), apiKey.substring(17))) {
            assertThat(random).hasSizeGreaterThanOrEqualTo(43);
            assertThat(dump).doesNotContain(random);
        }
        assertThat(dump).doesNotContain(sessionToken).doesNotContain(linkToken).doesNotContain(apiKey);
        // a password only as its Argon2id hash
        assertThat(dump).contains("COPY " + FIXTURE.schema() + ".password_credential").contains("$argon2id$v=19$m=19456,t=2,p=1$")
                .doesNotContain("a password kept nowhere in clear");
        // the audit key signs the events in the dump but is not among them, in any spelling
        assertThat(dump).contains("COPY " + FIXTURE.schema() + ".audit_event").contains("k1");
        assertThat(dump).doesNotContain(java.util.Base64.getEncoder().encodeToString(auditKey))
                .doesNotContain(java.util.HexFormat.of().formatHex(auditKey));
    }
}
