package dev.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.IamDatabase;
import dev.iamkit.error.UnreadableDataException;
import dev.iamkit.model.IssuedMagicLink;
import dev.iamkit.model.MagicLinkChallenge;
import dev.iamkit.model.NewUser;
import dev.iamkit.model.User;
import dev.iamkit.support.PersonalDataCipher;
import dev.iamkit.testkit.PersonalDataFixture.StoredChallenge;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Magic-link challenges' e-mail addresses encrypted at rest, in both stores alike: with master keys
 * configured a challenge keeps the blind index of its address (the users' function, so a user's
 * challenges are still found by e-mail) and the address sealed under the current master key, not
 * under a user's data key (the address may be no user's); the API shows it opened. Users:
 * {@link PersonalDataContract}; snapshots: {@link PersonalDataSnapshotContract}.
 */
public abstract class PersonalDataChallengeContract {
    private static final Duration TTL = Duration.ofMinutes(15);
    private final MutableClock clock = new MutableClock();
    private IamDatabase db;

    protected abstract PersonalDataFixture fixture();

    private void open(PersonalDataCipher cipher) {
        db = fixture().open(clock, cipher);
    }

    private void reopen(PersonalDataCipher cipher) {
        db = fixture().reopen(db, clock, cipher);
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    private StoredChallenge stored(IssuedMagicLink l) {
        return fixture().storedChallenge(db, l.challenge().id());
    }

    private static boolean holds(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }

    @Test
    void aChallengeKeepsTheBlindIndexAndTheSealedAddressAndShowsTheAddress() {
        open(TestMasterKeys.M1);
        IssuedMagicLink link = db.magicLinks().create("Walter.Nobody@Example.org", "login", TTL);   // no user has it
        MagicLinkChallenge issued = link.challenge();
        assertThat(issued.email()).isEqualTo("walter.nobody@example.org");
        assertThat(db.magicLinks().find(issued.id())).contains(issued);

        StoredChallenge row = stored(link);
        assertThat(row.email()).endsWith("@" + PersonalDataCipher.INDEX_DOMAIN).doesNotContain("walter");
        assertThat(row.masterKeyId()).contains("m1");
        assertThat(holds(row.sealedEmail().orElseThrow(), "walter")).isFalse();
        User walter = db.users().create(new NewUser("walter.nobody@example.org", "Walter"));
        assertThat(row.email()).as("the users' blind index").isEqualTo(fixture().stored(db, walter.id()).email());

        MagicLinkChallenge used = db.magicLinks().consume(issued.id(), link.token());
        assertThat(used.email()).isEqualTo("walter.nobody@example.org");
        assertThat(used.consumedAt()).contains(clock.instant());
        assertThat(db.magicLinks().find(issued.id())).contains(used);
        assertThat(stored(link).email()).isEqualTo(row.email());
        assertThat(stored(link).sealedEmail().orElseThrow()).isEqualTo(row.sealedEmail().orElseThrow());
    }

    @Test
    void withEncryptionOffAChallengeKeepsItsAddressAsItIs() {
        open(PersonalDataCipher.off());
        IssuedMagicLink link = db.magicLinks().create("walter@example.org", "login", TTL);
        StoredChallenge row = stored(link);
        assertThat(row.email()).isEqualTo("walter@example.org");
        assertThat(row.sealedEmail()).isEmpty();
        assertThat(row.masterKeyId()).isEmpty();
        assertThat(db.magicLinks().find(link.challenge().id())).contains(link.challenge());
    }

    @Test
    void exportAndAnonymizeFindAUsersChallengesInEveryStoredForm() {
        open(PersonalDataCipher.off());
        IssuedMagicLink plain = db.magicLinks().create("ana@example.com", "login", TTL);   // stored before encryption was on
        reopen(TestMasterKeys.M1);
        User ana = db.users().create(new NewUser("ana@example.com", "Ana"));
        IssuedMagicLink underM1 = db.magicLinks().create("ana@example.com", "login", TTL);
        reopen(TestMasterKeys.M2_THEN_M1);
        IssuedMagicLink underM2 = db.magicLinks().create("ANA@example.com", "invite", TTL);
        IssuedMagicLink bobs = db.magicLinks().create("bob@example.com", "login", TTL);
        assertThat(stored(underM1).email()).isNotEqualTo(stored(underM2).email());

        String export = db.privacy().exportUser(ana.id());
        for (IssuedMagicLink l : new IssuedMagicLink[] {plain, underM1, underM2}) {
            assertThat(export).contains(l.challenge().id().toString());
        }
        assertThat(export).doesNotContain(bobs.challenge().id().toString()).doesNotContain(PersonalDataCipher.INDEX_DOMAIN)
                .doesNotContain("bob@example.com");

        db.privacy().anonymize(ana.id());
        for (IssuedMagicLink l : new IssuedMagicLink[] {plain, underM1, underM2}) {
            assertThat(db.magicLinks().find(l.challenge().id())).isEmpty();
        }
        assertThat(db.magicLinks().find(bobs.challenge().id())).contains(bobs.challenge());
    }

    /** Rotation leaves challenges under the key they were sealed with: they live minutes; the older key opens them meanwhile. */
    @Test
    void aChallengeSealedUnderAnOlderKeyOpensWhileThatKeyIsHeldAndCleanupRemovesIt() {
        open(TestMasterKeys.M1);
        IssuedMagicLink old = db.magicLinks().create("ana@example.com", "login", TTL);
        reopen(TestMasterKeys.M2_THEN_M1);
        IssuedMagicLink fresh = db.magicLinks().create("ana@example.com", "login", TTL);
        assertThat(stored(fresh).masterKeyId()).contains("m2");
        assertThat(db.personalData().rewrap(10)).isZero();
        assertThat(stored(old).masterKeyId()).contains("m1");
        assertThat(db.magicLinks().consume(old.challenge().id(), old.token()).email()).isEqualTo("ana@example.com");

        clock.advance(TTL);
        assertThat(db.housekeeping().cleanup().magicLinks()).isEqualTo(2);
        assertThat(db.magicLinks().find(fresh.challenge().id())).isEmpty();
    }

    @Test
    void aChallengeSealedUnderAMasterKeyNoLongerHeldIsUnreadableAsAUserIs() {
        open(TestMasterKeys.M1);
        IssuedMagicLink link = db.magicLinks().create("ana@example.com", "login", TTL);
        reopen(TestMasterKeys.M2);
        assertThatThrownBy(() -> db.magicLinks().find(link.challenge().id())).isInstanceOf(UnreadableDataException.class)
                .hasMessageContaining(link.challenge().id().toString()).hasMessageContaining("'m1'");
        assertThatThrownBy(() -> db.magicLinks().consume(link.challenge().id(), link.token())).isInstanceOf(UnreadableDataException.class);

        reopen(PersonalDataCipher.off());
        assertThatThrownBy(() -> db.magicLinks().find(link.challenge().id())).isInstanceOf(UnreadableDataException.class)
                .hasMessageContaining("IAMKIT_MASTER_KEYS");
    }

    @Test
    void theWrongKeyUnderTheRightIdFailsAuthenticationNotGarbage() {
        open(TestMasterKeys.M1);
        IssuedMagicLink link = db.magicLinks().create("ana@example.com", "login", TTL);
        reopen(TestMasterKeys.WRONG_M1);
        assertThatThrownBy(() -> db.magicLinks().find(link.challenge().id())).isInstanceOf(UnreadableDataException.class)
                .hasMessageContaining("authentication");
        assertThat(stored(link).email()).endsWith("@" + PersonalDataCipher.INDEX_DOMAIN);
    }
}
