package dev.iamkit.jooq;

import static dev.iamkit.testkit.SnapshotContract.body;
import static dev.iamkit.testkit.SnapshotContract.export;
import static dev.iamkit.testkit.SnapshotContract.importText;
import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.IamDatabase;
import dev.iamkit.memory.InMemoryIam;
import dev.iamkit.model.PasswordPolicy;
import dev.iamkit.snapshot.SnapshotKind;
import dev.iamkit.snapshot.SnapshotRow;
import dev.iamkit.snapshot.SnapshotScope;
import dev.iamkit.testkit.MutableClock;
import dev.iamkit.testkit.PostgresTestDatabase;
import dev.iamkit.testkit.SnapshotWorld;
import dev.iamkit.testkit.TestAuditKeys;
import dev.iamkit.testkit.TestMasterKeys;
import dev.iamkit.support.PersonalDataCipher;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Snapshots between the two stores: a world built in memory goes to PostgreSQL and back to a
 * fresh memory store, and one organization goes between two PostgreSQL schemas; every export on
 * the way is the same, table by table, and the imported stores answer checks and verify their
 * audit trails.
 */
class SnapshotDifferentialTest {
    private static final PostgresFixture FIRST = new PostgresFixture("snapdiff_a");
    private static final PostgresFixture SECOND = new PostgresFixture("snapdiff_b");

    @Test
    void memoryToPostgresToMemoryKeepsEveryRowOfEveryTable() throws Exception {
        MutableClock clock = new MutableClock();
        try (IamDatabase memory = InMemoryIam.create(clock, 1000, TestAuditKeys.K1);
                IamDatabase postgres = FIRST.open(new MutableClock(), TestAuditKeys.K1);
                IamDatabase back = InMemoryIam.create(new MutableClock(), 1000, TestAuditKeys.K1)) {
            SnapshotWorld world = new SnapshotWorld(memory, clock);
            String fromMemory = export(memory, SnapshotScope.wholeStore());

            importText(postgres, fromMemory);
            String fromPostgres = export(postgres, SnapshotScope.wholeStore());
            importText(back, fromPostgres);
            String fromMemoryAgain = export(back, SnapshotScope.wholeStore());

            assertThat(body(fromPostgres)).isEqualTo(body(fromMemory));
            assertThat(body(fromMemoryAgain)).isEqualTo(body(fromMemory));
            Map<SnapshotKind, List<SnapshotRow>> expected = tables(memory);
            for (SnapshotKind kind : SnapshotKind.values()) {
                assertThat(expected.get(kind)).as(kind.wireName()).isNotEmpty();
                assertThat(tables(postgres).get(kind)).as(kind.wireName()).isEqualTo(expected.get(kind));
                assertThat(tables(back).get(kind)).as(kind.wireName()).isEqualTo(expected.get(kind));
                assertThat(countRows(FIRST.schema(), kind)).as(kind.wireName()).isEqualTo(expected.get(kind).size());
            }
            assertThat(countRows(FIRST.schema(), "api_key_lookup")).isEqualTo(expected.get(SnapshotKind.API_KEY).size());
            assertThat(countRows(FIRST.schema(), "role_access")).as("every imported role's grants folded (V25), derived, not carried")
                    .isEqualTo(expected.get(SnapshotKind.ROLE).size());
            for (IamDatabase db : List.of(postgres, back)) {
                assertThat(db.tenant(world.acme.id()).authz().check(world.ana.id(), world.invoices.id(), "create")).isTrue();
                assertThat(db.tenant(world.acme.id()).audit().verify()).isEqualTo(memory.tenant(world.acme.id()).audit().verify());
                assertThat(db.tenant(world.acme.id()).audit().verify().intact()).isTrue();
            }
        }
    }

    /**
     * Encrypted memory to encrypted PostgreSQL (under another master key) to plain memory: the
     * same file all the way, and the PostgreSQL store holds every user sealed under its own key.
     */
    @Test
    void encryptedMemoryToEncryptedPostgresToPlainMemoryKeepsTheSameFile() throws Exception {
        MutableClock clock = new MutableClock();
        try (IamDatabase memory = InMemoryIam.create(clock, 1000, TestAuditKeys.K1, PasswordPolicy.defaults(), TestMasterKeys.M1);
                IamDatabase postgres = FIRST.open(new MutableClock(), TestAuditKeys.K1, TestMasterKeys.M2);
                IamDatabase back = InMemoryIam.create(new MutableClock(), 1000, TestAuditKeys.K1, PasswordPolicy.defaults(), PersonalDataCipher.off())) {
            SnapshotWorld world = new SnapshotWorld(memory, clock);
            memory.privacy().anonymize(world.outsider.id());
            String fromMemory = export(memory, SnapshotScope.wholeStore());

            importText(postgres, fromMemory);
            String fromPostgres = export(postgres, SnapshotScope.wholeStore());
            importText(back, fromPostgres);
            String fromMemoryAgain = export(back, SnapshotScope.wholeStore());

            assertThat(fromMemory).contains("\"email\":\"ana@example.com\"").doesNotContain(PersonalDataCipher.INDEX_DOMAIN);
            assertThat(body(fromPostgres)).isEqualTo(body(fromMemory));
            assertThat(body(fromMemoryAgain)).isEqualTo(body(fromMemory));
            assertThat(countRows(FIRST.schema(), "user_data_key")).isEqualTo(3);
            try (Connection c = PostgresTestDatabase.get().connect(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT count(*) FROM " + FIRST.schema() + ".user_data_key WHERE master_key_id = 'm2'")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(3);
            }
            assertThat(postgres.users().findByEmail("BOB@example.com")).map(u -> u.id()).contains(world.bob.id());
            assertThat(postgres.tenant(world.acme.id()).authz().check(world.ana.id(), world.invoices.id(), "create")).isTrue();
            assertThat(postgres.tenant(world.acme.id()).audit().verify().intact()).isTrue();
        }
    }

    @Test
    void anOrganizationMovesBetweenTwoPostgresSchemas() {
        MutableClock clock = new MutableClock();
        try (IamDatabase source = FIRST.open(clock, TestAuditKeys.K1); IamDatabase target = SECOND.open(new MutableClock(), TestAuditKeys.K1)) {
            SnapshotWorld world = new SnapshotWorld(source, clock);
            String acme = export(source, SnapshotScope.organization(world.acme.id()));

            importText(target, acme);

            assertThat(body(export(target, SnapshotScope.organization(world.acme.id())))).isEqualTo(body(acme));
            assertThat(body(export(target, SnapshotScope.wholeStore()))).isEqualTo(body(acme));
            assertThat(target.organizations().find(world.globex.id())).isEmpty();
            assertThat(target.users().find(world.outsider.id())).isEmpty();
            assertThat(target.tenant(world.acme.id()).authz().check(world.ana.id(), world.invoices.id(), "create")).isTrue();
            assertThat(target.tenant(world.acme.id()).audit().verify().intact()).isTrue();
            assertThat(target.tenant(world.acme.id()).revision()).isEqualTo(source.tenant(world.acme.id()).revision());
        }
    }

    private static Map<SnapshotKind, List<SnapshotRow>> tables(IamDatabase db) {
        Map<SnapshotKind, List<SnapshotRow>> out = new EnumMap<>(SnapshotKind.class);
        for (SnapshotKind k : SnapshotKind.values()) {
            out.put(k, new ArrayList<>());
        }
        db.snapshots().exportRows(SnapshotScope.wholeStore(), r -> out.get(r.kind()).add(r));
        return out;
    }

    private static long countRows(String schema, SnapshotKind kind) throws Exception {
        return countRows(schema, kind.wireName());
    }

    /** Counted as the owner (past row level security), so a row the export missed would show. */
    private static long countRows(String schema, String table) throws Exception {
        try (Connection c = PostgresTestDatabase.get().connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM " + schema + "." + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
