package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.IamDatabase;
import dev.iamkit.model.Actor;
import dev.iamkit.model.Grant;
import dev.iamkit.model.NewApiKey;
import dev.iamkit.model.NewConsent;
import dev.iamkit.model.NewUser;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.OrgRole;
import dev.iamkit.model.Role;
import dev.iamkit.model.User;
import dev.iamkit.snapshot.SnapshotScope;
import dev.iamkit.support.PersonalDataCipher;
import dev.iamkit.testkit.MutableClock;
import dev.iamkit.testkit.SnapshotContract;
import dev.iamkit.testkit.TestData;
import dev.iamkit.testkit.TestMasterKeys;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * With encryption on, every table of the schema read as its owner ({@code pg_dump}, past row level
 * security, audit events' before/after JSON included) holds no user's e-mail or display name, in
 * any case, after a life that writes them everywhere the library copies user data: memberships,
 * roles, assignments, audit events, API keys, sessions, consents, magic-link challenges (one for
 * an address that is no user's), an export, an e-mail change and a soft delete. With encryption off, the same life leaves them in the dump, so the test can
 * tell; exported from there and imported into an encrypted store, it leaves none again.
 */
class PersonalDataInDumpTest {
    private static final PostgresFixture FIXTURE = new PostgresFixture("pdump");
    private static final List<String> PERSONAL = List.of("zelda.quist@example.org", "Zelda Quist", "zq@example.net", "Zelda Q.",
            "orwell.brandt@example.org", "Orwell Brandt", "walter.nobody@example.org");

    /** The life; returns the store's portable snapshot at its end. */
    private String live(PersonalDataCipher cipher) {
        MutableClock clock = new MutableClock();
        try (IamDatabase db = FIXTURE.open(clock, cipher)) {
            TestData data = new TestData(db);
            OrgId org = data.org().id();
            User zelda = db.users().create(new NewUser("Zelda.Quist@Example.org", "Zelda Quist"));
            User orwell = db.users().create(new NewUser("orwell.brandt@example.org", "Orwell Brandt"));
            var feature = data.entitledFeature(org, "read");
            db.inTenant(org, Actor.user(orwell.id()).withIp("203.0.113.9"), tx -> {
                tx.memberships().add(zelda.id(), OrgRole.ADMIN);
                tx.memberships().add(orwell.id(), OrgRole.MEMBER);
                Role r = tx.roles().create(new dev.iamkit.model.NewRole("clerk", "Clerk"));
                tx.grants().replace(r.id(), List.of(Grant.allow(feature, "read")));
                tx.assignments().assign(r.id(), zelda.id());
                return null;
            });
            db.tenant(org, Actor.user(zelda.id())).apiKeys().create(new NewApiKey("CI", List.of("invoices:read")));
            db.sessions().create(dev.iamkit.model.NewSession.of(zelda.id(), clock.instant().plusSeconds(3600)));
            db.consents().record(zelda.id(), NewConsent.given("newsletter", "v1", "signup-form"));
            db.magicLinks().create("zelda.quist@example.org", "login", java.time.Duration.ofMinutes(15));
            db.magicLinks().create("Walter.Nobody@example.org", "invite", java.time.Duration.ofMinutes(15));   // no user's address
            db.privacy().exportUser(zelda.id());
            User moved = db.users().update(db.users().find(zelda.id()).orElseThrow().withEmail("zq@example.net").withDisplayName("Zelda Q."));
            db.users().delete(orwell.id());
            assertThat(db.users().findByEmail("ZQ@example.net")).contains(moved);
            return SnapshotContract.export(db, SnapshotScope.wholeStore());
        }
    }

    private static void assertNoPersonalData(String dump) {
        String lower = dump.toLowerCase(Locale.ROOT);
        for (String p : PERSONAL) {
            assertThat(lower).as(p).doesNotContain(p.toLowerCase(Locale.ROOT));
        }
        assertThat(lower).doesNotContain("zelda").doesNotContain("orwell").doesNotContain("quist");
    }

    @Test
    void withEncryptionOnNoTableHoldsAnEmailOrDisplayName() throws Exception {
        live(TestMasterKeys.M1);
        String dump = SecretsInDumpTest.dump(FIXTURE.schema());
        assertThat(dump).contains("COPY " + FIXTURE.schema() + ".audit_event").contains("COPY " + FIXTURE.schema() + ".user_data_key")
                .contains("@" + PersonalDataCipher.INDEX_DOMAIN);
        assertNoPersonalData(dump);
    }

    /** A portable snapshot holds e-mails and names in plain text; the encrypted store it goes into seals them all. */
    @Test
    void aPlainSnapshotImportedIntoAnEncryptedStoreLeavesNoEmailOrNameInTheDump() throws Exception {
        String snapshot = live(PersonalDataCipher.off());
        assertThat(snapshot).contains("walter.nobody@example.org").contains("zq@example.net").contains("Zelda Q.").contains("orwell.brandt@example.org").contains("Orwell Brandt");
        try (IamDatabase db = FIXTURE.open(new MutableClock(), TestMasterKeys.M1)) {
            SnapshotContract.importText(db, snapshot);
            assertThat(db.users().findByEmail("zq@example.net")).map(User::displayName).contains("Zelda Q.");
            assertThat(SnapshotContract.body(SnapshotContract.export(db, SnapshotScope.wholeStore()))).isEqualTo(SnapshotContract.body(snapshot));
        }
        String dump = SecretsInDumpTest.dump(FIXTURE.schema());
        assertThat(dump).contains("COPY " + FIXTURE.schema() + ".user_data_key").contains("@" + PersonalDataCipher.INDEX_DOMAIN);
        assertNoPersonalData(dump);
    }

    @Test
    void withEncryptionOffTheSameLifeLeavesThemInTheDump() throws Exception {
        live(PersonalDataCipher.off());
        String dump = SecretsInDumpTest.dump(FIXTURE.schema());
        assertThat(dump).contains("zq@example.net").contains("Zelda Q.").contains("orwell.brandt@example.org")
                .contains("walter.nobody@example.org");
    }
}
