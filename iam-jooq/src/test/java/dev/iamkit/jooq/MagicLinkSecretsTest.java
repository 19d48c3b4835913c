package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.IamDatabase;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.IssuedMagicLink;
import dev.iamkit.support.MagicLinks;
import dev.iamkit.testkit.MutableClock;
import dev.iamkit.testkit.PostgresTestDatabase;
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

/** What the challenge table holds of a token: its SHA-256 digest, and nothing it could be read back from. */
class MagicLinkSecretsTest {
    private static final PostgresFixture FIXTURE = new PostgresFixture("magic_link_secrets");
    private IamDatabase db;

    @BeforeEach
    void open() {
        db = FIXTURE.open(new MutableClock());
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** Every column of every row, as text (bytea as hex, as PostgreSQL prints it). */
    private List<String> cells() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = PostgresTestDatabase.get().connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select * from " + FIXTURE.schema() + ".magic_link_challenge")) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    out.add(rs.getString(i));
                }
            }
        }
        return out;
    }

    @Test
    void thePlaintextTokenAppearsInNoColumnOnlyItsDigest() throws SQLException {
        IssuedMagicLink issued = db.magicLinks().create("ana@example.com", "login", Duration.ofMinutes(10));
        String secret = issued.token().substring(MagicLinks.TOKEN_PREFIX.length());

        List<String> cells = cells();

        assertThat(cells).isNotEmpty().allSatisfy(cell -> assertThat(cell == null ? "" : cell)
                .doesNotContain(issued.token()).doesNotContain(secret));
        assertThat(cells).contains("\\x" + HexFormat.of().formatHex(MagicLinks.digest(issued.token())));

        db.magicLinks().consume(issued.challenge().id(), issued.token());
        assertThat(cells()).allSatisfy(cell -> assertThat(cell == null ? "" : cell).doesNotContain(secret));
    }

    @Test
    void invalidChallengesWriteNothing() throws SQLException {
        assertThatThrownBy(() -> db.magicLinks().create("nope", "login", Duration.ofMinutes(10))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> db.magicLinks().create("ana@example.com", "login", Duration.ZERO)).isInstanceOf(ValidationException.class);

        assertThat(cells()).isEmpty();
    }
}
