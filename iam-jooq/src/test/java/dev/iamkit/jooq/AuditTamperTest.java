package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.model.NewOrganization;
import dev.iamkit.model.NewTeam;
import dev.iamkit.model.OrgId;
import dev.iamkit.testkit.PostgresTestDatabase;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit table refuses UPDATE, DELETE and TRUNCATE even to its owner (V10), and a change made
 * behind the triggers' back (a superuser in replica mode) is found by {@code verify()}.
 */
class AuditTamperTest {
    private static final PostgresFixture FIXTURE = new PostgresFixture("tamper");
    private final PostgresTestDatabase pg = PostgresTestDatabase.get();
    private PostgresIam db;
    private OrgId org;
    private String table;

    @BeforeEach
    void fiveEvents() {
        db = (PostgresIam) FIXTURE.open(Clock.systemUTC());
        org = db.organizations().create(new NewOrganization("tamper", "Tamper")).id();
        for (int i = 1; i <= 5; i++) {
            db.tenant(org).teams().create(new NewTeam("Team " + i));
        }
        table = FIXTURE.schema() + ".audit_event";
        assertThat(db.tenant(org).audit().verify().intact()).isTrue();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void evenTheOwnerCannotUpdateDeleteOrTruncateEvents() {
        assertThatThrownBy(() -> pg.execute("UPDATE " + table + " SET action = 'x'")).hasMessageContaining("append-only: UPDATE refused");
        assertThatThrownBy(() -> pg.execute("DELETE FROM " + table)).hasMessageContaining("append-only: DELETE refused");
        assertThatThrownBy(() -> pg.execute("TRUNCATE " + table)).hasMessageContaining("append-only: TRUNCATE refused");
        assertThat(db.tenant(org).audit().verify().checked()).isEqualTo(5);
    }

    @Test
    void aChangedEventBreaksTheChainThere() {
        pg.execute("SET session_replication_role = replica; UPDATE " + table + " SET action = 'team.delete' WHERE org_id = '"
                + org.value() + "' AND seq = 3");
        assertThat(db.tenant(org).audit().verify().firstBrokenSeq()).contains(3L);
    }

    @Test
    void aRemovedEventBreaksTheChainAtTheNextOne() {
        pg.execute("SET session_replication_role = replica; DELETE FROM " + table + " WHERE org_id = '" + org.value() + "' AND seq = 2");
        assertThat(db.tenant(org).audit().verify().firstBrokenSeq()).contains(3L);
    }

    @Test
    void ipAndUserAgentAreOutsideTheChainSoErasingThemKeepsItIntact() {
        pg.execute("SET session_replication_role = replica; UPDATE " + table + " SET ip = NULL, user_agent = NULL WHERE org_id = '"
                + org.value() + "'");
        assertThat(db.tenant(org).audit().verify().intact()).isTrue();
    }

    @Test
    void deletingTheOrganizationTakesItsTrailWithIt() {
        pg.execute("DELETE FROM " + FIXTURE.schema() + ".organization WHERE id = '" + org.value() + "'");
        assertThat(db.tenant(org).audit().verify().checked()).isZero();
    }
}
