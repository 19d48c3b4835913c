package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.IamDatabase;
import dev.iamkit.model.IssuedApiKey;
import dev.iamkit.model.IssuedSession;
import dev.iamkit.model.NewApiKey;
import dev.iamkit.model.NewSession;
import dev.iamkit.model.User;
import dev.iamkit.support.Secrets;
import dev.iamkit.testkit.MutableClock;
import dev.iamkit.testkit.PostgresTestDatabase;
import dev.iamkit.testkit.TestData;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL only: what the schema holds after secrets were issued. Every row of every table of
 * the schema, as PostgreSQL prints it (bytea as hex), must hold neither a plaintext secret nor
 * its bytes, while the secret's SHA-256 digest is there.
 */
class SecretStorageTest {
    private static final PostgresFixture FIXTURE = new PostgresFixture("secrets");
    private final MutableClock clock = new MutableClock();
    private IamDatabase db;
    private TestData data;

    @BeforeEach
    void open() {
        db = FIXTURE.open(clock);
        data = new TestData(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** Each row of each table of the schema, as text. */
    private List<String> everyRow() throws SQLException {
        List<String> rows = new ArrayList<>();
        String schema = FIXTURE.schema();
        try (Connection c = PostgresTestDatabase.get().connect(); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("select tablename from pg_tables where schemaname = '" + schema + "'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String t : tables) {
                try (ResultSet rs = st.executeQuery("select t::text from \"" + schema + "\".\"" + t + "\" t")) {
                    while (rs.next()) {
                        rows.add(t + ": " + rs.getString(1));
                    }
                }
            }
        }
        return rows;
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void refreshTokensAreStoredOnlyAsDigests() throws SQLException {
        User user = data.user();
        IssuedSession first = db.sessions().create(NewSession.of(user.id(), clock.instant().plus(Duration.ofDays(1))));
        clock.advance(Duration.ofMinutes(1));
        IssuedSession second = db.sessions().refresh(first.refreshToken());
        List<String> tokens = List.of(first.refreshToken(), second.refreshToken());

        List<String> rows = everyRow();

        assertThat(rows).isNotEmpty();
        for (String token : tokens) {
            String body = token.substring(Secrets.REFRESH_PREFIX.length());
            assertThat(rows).noneMatch(r -> r.contains(body));
            assertThat(rows).noneMatch(r -> r.contains(hex(token.getBytes(StandardCharsets.US_ASCII))));
            assertThat(rows).anyMatch(r -> r.startsWith("session_token: ") && r.contains(hex(Secrets.sha256(token))));
        }
    }

    @Test
    void apiKeysAreStoredOnlyAsDigestsWithTheirLookupId() throws SQLException {
        var org = data.org().id();
        IssuedApiKey k = db.tenant(org).apiKeys().create(new NewApiKey("ci", List.of("read")));
        db.apiKeys().authenticate(k.plaintext());
        String secret = k.plaintext().substring(("ikk_" + k.key().lookupId() + "_").length());

        List<String> rows = everyRow();

        assertThat(rows).noneMatch(r -> r.contains(secret));
        assertThat(rows).noneMatch(r -> r.contains(hex(k.plaintext().getBytes(StandardCharsets.US_ASCII))));
        assertThat(rows).anyMatch(r -> r.startsWith("api_key: ") && r.contains(hex(Secrets.sha256(k.plaintext()))));
        assertThat(rows).anyMatch(r -> r.startsWith("api_key_lookup: ") && r.contains(k.key().lookupId()));
    }

    @Test
    void passwordsAreStoredOnlyAsArgon2idHashesOfTheirOwnRow() throws SQLException {
        User user = data.user();
        String password = "a password kept nowhere in clear";
        db.credentials().set(user.id(), password);
        db.credentials().importHash(data.user().id(), "$2b$04$KBCwKxOzLha2MUDgW0PjXe9FJK3tpHIA5SOyWjsmj9bGwPvB5f/gC");

        List<String> rows = everyRow();

        assertThat(rows).noneMatch(r -> r.contains(password));
        assertThat(rows).noneMatch(r -> r.contains(hex(password.getBytes(StandardCharsets.UTF_8))));
        assertThat(rows).noneMatch(r -> r.contains(java.util.Base64.getEncoder().withoutPadding().encodeToString(password.getBytes(StandardCharsets.UTF_8))));
        assertThat(rows.stream().filter(r -> r.contains("$argon2id$") || r.contains("$2b$")))
                .hasSize(2).allMatch(r -> r.startsWith("password_credential: "));
        assertThat(rows).anyMatch(r -> r.startsWith("password_credential: (" + user.id().value() + ",\"$argon2id$v=19$m=19456,t=2,p=1$"));
    }
}
