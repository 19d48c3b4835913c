package dev.iamkit.testkit;

import static dev.iamkit.testkit.SnapshotContract.body;
import static dev.iamkit.testkit.SnapshotContract.export;
import static dev.iamkit.testkit.SnapshotContract.importText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.IamDatabase;
import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.UnreadableDataException;
import dev.iamkit.model.IssuedMagicLink;
import dev.iamkit.model.NewUser;
import dev.iamkit.model.User;
import dev.iamkit.model.UserId;
import dev.iamkit.snapshot.SnapshotConflictException;
import dev.iamkit.snapshot.SnapshotImport;
import dev.iamkit.snapshot.SnapshotKind;
import dev.iamkit.snapshot.SnapshotRecords;
import dev.iamkit.snapshot.SnapshotRow;
import dev.iamkit.snapshot.SnapshotScope;
import dev.iamkit.support.Anonymization;
import dev.iamkit.support.PersonalDataCipher;
import dev.iamkit.support.PersonalDataCipher.WrappedKey;
import dev.iamkit.testkit.PersonalDataFixture.StoredUser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Portable snapshots of a store whose personal data is encrypted, in both stores alike: an export
 * holds users as {@code users().find} shows them (plain e-mails and names, no ciphertext, key or
 * blind index), the same file an unencrypted store with the same data writes; an import seals each
 * new user under a new data key wrapped by the current master key, as a create does, compares the
 * rows it holds opened, and keeps e-mails unique against every stored form.
 */
public abstract class PersonalDataSnapshotContract {
    private static final HexFormat HEX = HexFormat.of();
    private static final UUID FIRST = UUID.fromString("01900000-0000-7000-8000-0000000000a1");
    private static final UUID SECOND = UUID.fromString("01900000-0000-7000-8000-0000000000a2");
    private static final UUID THIRD = UUID.fromString("01900000-0000-7000-8000-0000000000a3");

    private final MutableClock clock = new MutableClock();
    private IamDatabase db;

    protected abstract PersonalDataFixture fixture();

    /** Closes the store open now, if any, and opens an empty one. */
    private void open(PersonalDataCipher cipher) {
        close();
        db = fixture().open(clock, cipher);
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
            db = null;
        }
    }

    private StoredUser stored(UUID id) {
        return fixture().stored(db, UserId.of(id));
    }

    private static String userLine(UUID id, String email) {
        return "{\"t\":\"app_user\",\"r\":{\"id\":\"" + id + "\",\"email\":\"" + email + "\",\"display_name\":\"New\",\"status\":\"ACTIVE\","
                + "\"email_verified_at\":null,\"version\":1,\"created_at\":\"2030-01-01T00:00:00Z\",\"updated_at\":\"2030-01-01T00:00:00Z\","
                + "\"deleted_at\":null}}";
    }

    private static String file(String header, List<String> users) {
        return header + "\n" + String.join("\n", users) + "\n{\"end\":true,\"counts\":{\"app_user\":" + users.size() + "}}\n";
    }

    @Test
    void anEncryptedStoreExportsUsersAsFindShowsThemAndAPlainStoreTakesThemAsTheyAre() {
        open(TestMasterKeys.M1);
        SnapshotWorld world = new SnapshotWorld(db, clock);
        User dora = db.users().create(new NewUser("dora@example.com", "Dora"));
        db.users().delete(dora.id());
        db.privacy().anonymize(world.outsider.id());   // shredded: exported as the placeholders anonymize left
        List<StoredUser> sealed = List.of(stored(world.ana.id().value()), stored(world.bob.id().value()), stored(dora.id().value()));

        String file = export(db, SnapshotScope.wholeStore());
        List<SnapshotRow> users = new ArrayList<>();
        db.snapshots().exportRows(SnapshotScope.wholeStore(), r -> {
            if (r.kind() == SnapshotKind.APP_USER) {
                users.add(r);
            }
        });

        assertThat(users).hasSize(4).allSatisfy(r -> assertThat(r)
                .isEqualTo(SnapshotRecords.row(db.users().find(UserId.of(r.uuid("id"))).orElseThrow())));
        assertThat(file).contains("\"email\":\"ana@example.com\"", "\"display_name\":\"Ana Ñandú\"", "\"email\":\"dora@example.com\"",
                "\"email\":\"" + Anonymization.email(world.outsider) + "\"").doesNotContain("eve@example.com")
                .doesNotContain(PersonalDataCipher.INDEX_DOMAIN).doesNotContain(PersonalDataCipher.SEALED_NAME);
        for (StoredUser s : sealed) {
            assertThat(s.personalData()).isPresent();
            assertThat(file).doesNotContain(HEX.formatHex(s.personalData().orElseThrow())).doesNotContain(HEX.formatHex(s.key().orElseThrow().wrapped()))
                    .doesNotContain(s.email());
        }

        open(PersonalDataCipher.off());
        importText(db, file);

        assertThat(body(export(db, SnapshotScope.wholeStore()))).isEqualTo(body(file));
        StoredUser ana = stored(world.ana.id().value());
        assertThat(ana.email()).isEqualTo("ana@example.com");
        assertThat(ana.displayName()).isEqualTo("Ana Ñandú");
        assertThat(ana.personalData()).isEmpty();
        assertThat(fixture().dataKeys(db)).isEmpty();
    }

    @Test
    void aUserWhoseCiphertextDoesNotOpenStopsTheExportAsReadingThatUserDoes() {
        open(TestMasterKeys.M1);
        User ana = db.users().create(new NewUser("ana@example.com", "Ana"));
        fixture().tamper(db, ana.id());
        assertThatThrownBy(() -> export(db, SnapshotScope.wholeStore())).isInstanceOf(UnreadableDataException.class)
                .hasMessageContaining("authentication");
    }

    @Test
    void aPlainSnapshotImportedIntoAnEncryptedStoreIsSealedAsACreateSealsAndExportsTheSame() {
        open(PersonalDataCipher.off());
        SnapshotWorld world = new SnapshotWorld(db, clock);
        String plain = export(db, SnapshotScope.wholeStore());

        open(TestMasterKeys.M1);
        SnapshotImport done = importText(db, plain);

        assertThat(done.written()).containsEntry(SnapshotKind.APP_USER, 3L);
        assertThat(body(export(db, SnapshotScope.wholeStore()))).isEqualTo(body(plain));
        for (User u : List.of(world.ana, world.bob, world.outsider)) {
            StoredUser row = stored(u.id().value());
            assertThat(row.email()).endsWith("@" + PersonalDataCipher.INDEX_DOMAIN);
            assertThat(row.displayName()).isEqualTo(PersonalDataCipher.SEALED_NAME);
            assertThat(row.key()).get().extracting(WrappedKey::masterKeyId).isEqualTo("m1");
            assertThat(new String(row.personalData().orElseThrow(), StandardCharsets.ISO_8859_1)).doesNotContain(u.email());
            assertThat(db.users().findByEmail(u.email().toUpperCase(Locale.ROOT))).map(User::id).contains(u.id());
        }
        assertThat(fixture().dataKeys(db)).hasSize(3).extracting(k -> HEX.formatHex(k.wrapped())).doesNotHaveDuplicates();
        assertThatThrownBy(() -> db.users().create(new NewUser("ana@example.com", "Copy"))).isInstanceOf(AlreadyExistsException.class);

        SnapshotImport again = importText(db, plain);   // compared opened: every row is there, equal
        assertThat(again.written()).isEmpty();
        assertThat(again.alreadyPresent()).containsEntry(SnapshotKind.APP_USER, 3L);

        String renamed = plain.replace("\"display_name\":\"Bob\"", "\"display_name\":\"Bobby\"");
        assertThatThrownBy(() -> importText(db, renamed)).isInstanceOfSatisfying(SnapshotConflictException.class,
                e -> assertThat(e.conflicts()).containsExactly("app_user [" + world.bob.id() + "] differs from the stored row"));
        assertThat(db.users().find(world.bob.id()).orElseThrow().displayName()).isEqualTo("Bob");
    }

    @Test
    void anImportKeepsEmailsUniqueAgainstEveryStoredFormAndSealsUnderTheCurrentMasterKey() {
        open(PersonalDataCipher.off());
        db.users().create(new NewUser("old@example.com", "Old"));   // plain: stored before encryption was on
        String header = export(db, SnapshotScope.wholeStore()).split("\n")[0];
        db = fixture().reopen(db, clock, TestMasterKeys.M1);
        User ana = db.users().create(new NewUser("ana@example.com", "Ana"));   // blind index under m1
        db = fixture().reopen(db, clock, TestMasterKeys.M2_THEN_M1);
        String before = export(db, SnapshotScope.wholeStore());

        assertThatThrownBy(() -> importText(db, file(header, List.of(userLine(FIRST, "old@example.com"), userLine(SECOND, "ana@example.com")))))
                .isInstanceOfSatisfying(SnapshotConflictException.class, e -> assertThat(e.conflicts()).hasSize(2)
                        .anySatisfy(c -> assertThat(c).startsWith("app_user [" + FIRST + "]"))
                        .anySatisfy(c -> assertThat(c).startsWith("app_user [" + SECOND + "]")));
        assertThat(body(export(db, SnapshotScope.wholeStore()))).isEqualTo(body(before));
        assertThat(fixture().dataKeys(db)).hasSize(1);

        importText(db, file(header, List.of(userLine(THIRD, "new@example.com"))));

        assertThat(stored(THIRD).key()).get().extracting(WrappedKey::masterKeyId).isEqualTo("m2");
        assertThat(db.users().findByEmail("NEW@example.com")).map(User::id).contains(UserId.of(THIRD));
        assertThat(db.users().findByEmail("ana@example.com")).contains(ana);
        assertThatThrownBy(() -> importText(db, file(header, List.of(userLine(FIRST, "new@example.com")))))
                .isInstanceOf(SnapshotConflictException.class);
    }

    /** A challenge's address goes out opened and comes in sealed under the importing store's current master key. */
    @Test
    void aChallengeGoesOutWithItsAddressAndComesInSealedUnderTheTargetsKey() {
        open(TestMasterKeys.M1);
        IssuedMagicLink link = db.magicLinks().create("walter.nobody@example.org", "login", java.time.Duration.ofMinutes(15));
        PersonalDataFixture.StoredChallenge sealed = fixture().storedChallenge(db, link.challenge().id());
        String file = export(db, SnapshotScope.wholeStore());
        assertThat(file).contains("\"email\":\"walter.nobody@example.org\"").doesNotContain(sealed.email())
                .doesNotContain(HEX.formatHex(sealed.sealedEmail().orElseThrow()));

        open(TestMasterKeys.M2);
        assertThat(importText(db, file).written()).containsEntry(SnapshotKind.MAGIC_LINK_CHALLENGE, 1L);
        PersonalDataFixture.StoredChallenge row = fixture().storedChallenge(db, link.challenge().id());
        assertThat(row.masterKeyId()).contains("m2");
        assertThat(row.email()).endsWith("@" + PersonalDataCipher.INDEX_DOMAIN).isNotEqualTo(sealed.email());
        assertThat(new String(row.sealedEmail().orElseThrow(), StandardCharsets.ISO_8859_1)).doesNotContain("walter");
        assertThat(db.magicLinks().find(link.challenge().id())).contains(link.challenge());
        assertThat(body(export(db, SnapshotScope.wholeStore()))).isEqualTo(body(file));
        assertThat(importText(db, file).alreadyPresent()).containsEntry(SnapshotKind.MAGIC_LINK_CHALLENGE, 1L);   // compared opened
        assertThat(db.magicLinks().consume(link.challenge().id(), link.token()).email()).isEqualTo("walter.nobody@example.org");

        open(PersonalDataCipher.off());
        importText(db, file);
        assertThat(fixture().storedChallenge(db, link.challenge().id()).email()).isEqualTo("walter.nobody@example.org");
    }
}
