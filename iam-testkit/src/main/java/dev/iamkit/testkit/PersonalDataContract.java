package dev.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.IamDatabase;
import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.ConfigurationException;
import dev.iamkit.error.StorageException;
import dev.iamkit.error.UnreadableDataException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.NewUser;
import dev.iamkit.model.User;
import dev.iamkit.model.UserId;
import dev.iamkit.support.Anonymization;
import dev.iamkit.support.PersonalDataCipher;
import dev.iamkit.support.PersonalDataCipher.WrappedKey;
import dev.iamkit.testkit.PersonalDataFixture.StoredUser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Users' e-mail and display name encrypted at rest under per-user data keys
 * ({@link PersonalDataCipher}), in both stores alike: what is stored, lookups and uniqueness
 * through the blind index, crypto-shredding on anonymize, master key rotation, errors for a
 * missing or wrong master key and for a changed ciphertext, and the encryption of users stored
 * before it was turned on. Portable snapshots of encrypted stores: {@link PersonalDataSnapshotContract}.
 */
public abstract class PersonalDataContract {
    private final MutableClock clock = new MutableClock();
    private IamDatabase db;

    protected abstract PersonalDataFixture fixture();

    private IamDatabase open(PersonalDataCipher cipher) {
        db = fixture().open(clock, cipher);
        return db;
    }

    private IamDatabase reopen(PersonalDataCipher cipher) {
        db = fixture().reopen(db, clock, cipher);
        return db;
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    private StoredUser stored(UserId id) {
        return fixture().stored(db, id);
    }

    private static boolean holds(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(new String(needle.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
    }

    @Test
    void anEncryptedUserIsStoredAsCiphertextAndReadBackAsCreated() {
        open(TestMasterKeys.M1);
        User ana = db.users().create(new NewUser("Ana.Lima@Example.com", "Ana Lima"));
        assertThat(ana.email()).isEqualTo("ana.lima@example.com");
        assertThat(db.users().find(ana.id())).contains(ana);
        assertThat(db.users().list(dev.iamkit.model.PageRequest.first(10)).items()).containsExactly(ana);
        StoredUser row = stored(ana.id());
        assertThat(row.email()).endsWith("@" + PersonalDataCipher.INDEX_DOMAIN).doesNotContain("ana");
        assertThat(row.displayName()).isEqualTo(PersonalDataCipher.SEALED_NAME);
        assertThat(row.key()).get().extracting(WrappedKey::masterKeyId).isEqualTo("m1");
        byte[] sealed = row.personalData().orElseThrow();
        assertThat(holds(sealed, "ana.lima@example.com")).isFalse();
        assertThat(holds(sealed, "Ana Lima")).isFalse();
        assertThat(db.personalData().enabled()).isTrue();
    }

    @Test
    void withEncryptionOffUsersAreStoredAsTheyAre() {
        open(PersonalDataCipher.off());
        User ana = db.users().create(new NewUser("ana@example.com", "Ana"));
        StoredUser row = stored(ana.id());
        assertThat(row.email()).isEqualTo("ana@example.com");
        assertThat(row.displayName()).isEqualTo("Ana");
        assertThat(row.personalData()).isEmpty();
        assertThat(row.key()).isEmpty();
        assertThat(db.personalData().enabled()).isFalse();
    }

    @Test
    void findByEmailFindsAnEncryptedUserInAnyCaseAndOnlyWhileLive() {
        open(TestMasterKeys.M1);
        User ana = db.users().create(new NewUser("ana@example.com", "Ana"));
        db.users().create(new NewUser("bob@example.com", "Bob"));
        assertThat(db.users().findByEmail("ANA@Example.COM")).contains(ana);
        assertThat(db.users().findByEmail("nobody@example.com")).isEmpty();
        User deleted = db.users().delete(ana.id());
        assertThat(db.users().findByEmail("ana@example.com")).isEmpty();
        assertThat(db.users().find(ana.id())).contains(deleted);
    }

    @Test
    void emailsOfEncryptedUsersStayUniqueCaseInsensitively() {
        open(TestMasterKeys.M1);
        User ana = db.users().create(new NewUser("ana@example.com", "Ana"));
        User bob = db.users().create(new NewUser("bob@example.com", "Bob"));
        assertThatThrownBy(() -> db.users().create(new NewUser("ANA@example.com", "Other Ana")))
                .isInstanceOf(AlreadyExistsException.class).hasMessageContaining("ana@example.com");
        assertThatThrownBy(() -> db.users().update(bob.withEmail("Ana@Example.com"))).isInstanceOf(AlreadyExistsException.class);
        db.users().delete(ana.id());
        User again = db.users().create(new NewUser("ana@example.com", "New Ana"));
        assertThatThrownBy(() -> db.users().restore(ana.id())).isInstanceOf(AlreadyExistsException.class);
        assertThat(db.users().findByEmail("ana@example.com")).contains(again);
    }

    @Test
    void updatingTheEmailMovesTheLookupAndKeepsTheDataKey() {
        open(TestMasterKeys.M1);
        User ana = db.users().create(new NewUser("ana@example.com", "Ana"));
        StoredUser before = stored(ana.id());
        User moved = db.users().update(ana.withEmail("ana.lima@example.com").withDisplayName("Ana Lima"));
        assertThat(db.users().findByEmail("ana@example.com")).isEmpty();
        assertThat(db.users().findByEmail("ana.lima@example.com")).contains(moved);
        assertThat(db.users().find(ana.id()).orElseThrow().displayName()).isEqualTo("Ana Lima");
        StoredUser after = stored(ana.id());
        assertThat(after.email()).isNotEqualTo(before.email());
        assertThat(after.personalData().orElseThrow()).isNotEqualTo(before.personalData().orElseThrow());
        assertThat(after.key().orElseThrow().wrapped()).isEqualTo(before.key().orElseThrow().wrapped());
        assertThatThrownBy(() -> db.users().create(new NewUser("ana.lima@example.com", "Copy"))).isInstanceOf(AlreadyExistsException.class);
    }

    @Test
    void anonymizeShredsTheDataKeySoNoCopyOfTheCiphertextOpens() {
        open(TestMasterKeys.M1);
        User ana = db.users().create(new NewUser("ana@example.com", "Ana"));
        User bob = db.users().create(new NewUser("bob@example.com", "Bob"));
        StoredUser backup = stored(ana.id());   // what a backup taken now would hold
        User storedAna = new User(ana.id(), backup.email(), backup.displayName(), ana.status(), ana.emailVerifiedAt(), ana.version(),
                ana.createdAt(), ana.updatedAt(), ana.deletedAt());

        db.privacy().anonymize(ana.id());

        StoredUser row = stored(ana.id());
        assertThat(row.key()).isEmpty();
        assertThat(row.personalData()).isEmpty();
        assertThat(row.email()).isEqualTo(Anonymization.email(ana));
        assertThat(row.displayName()).isEqualTo(Anonymization.DISPLAY_NAME);
        List<WrappedKey> held = fixture().dataKeys(db);
        assertThat(held).hasSize(1);   // bob's
        for (WrappedKey k : held) {
            WrappedKey asAna = new WrappedKey(k.masterKeyId(), k.wrapped());
            assertThatThrownBy(() -> TestMasterKeys.M1.open(storedAna, backup.personalData().orElseThrow(), asAna))
                    .isInstanceOf(UnreadableDataException.class);
        }
        assertThat(db.users().findByEmail("ana@example.com")).isEmpty();
        assertThat(db.users().find(bob.id())).contains(bob);
        // honest about backups: one that also kept the wrapped key still opens with the master key
        assertThat(TestMasterKeys.M1.open(storedAna, backup.personalData().orElseThrow(), backup.key().orElseThrow()).email())
                .isEqualTo("ana@example.com");
    }

    @Test
    void rotationRewrapsTheDataKeysWithoutTouchingTheCiphertext() {
        open(TestMasterKeys.M1);
        List<User> users = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            users.add(db.users().create(new NewUser("user" + i + "@example.com", "User " + i)));
        }
        List<byte[]> ciphertexts = users.stream().map(u -> stored(u.id()).personalData().orElseThrow()).toList();
        reopen(TestMasterKeys.M2_THEN_M1);
        assertThat(db.users().findByEmail("user1@example.com")).contains(users.get(1));   // still under m1
        User added = db.users().create(new NewUser("new@example.com", "New"));
        assertThat(stored(added.id()).key().orElseThrow().masterKeyId()).isEqualTo("m2");
        assertThatThrownBy(() -> db.users().create(new NewUser("USER2@example.com", "Copy"))).isInstanceOf(AlreadyExistsException.class);

        assertThat(db.personalData().rewrap(2)).isEqualTo(2);
        assertThat(db.personalData().rewrap(2)).isEqualTo(1);
        assertThat(db.personalData().rewrap(2)).isZero();

        for (int i = 0; i < users.size(); i++) {
            StoredUser row = stored(users.get(i).id());
            assertThat(row.key().orElseThrow().masterKeyId()).isEqualTo("m2");
            assertThat(row.personalData().orElseThrow()).isEqualTo(ciphertexts.get(i));
        }
        reopen(TestMasterKeys.M2);   // m1 no longer needed
        for (User u : users) {
            assertThat(db.users().findByEmail(u.email())).contains(u);
        }
        assertThatThrownBy(() -> db.users().create(new NewUser("user0@example.com", "Copy"))).isInstanceOf(AlreadyExistsException.class);
    }

    @Test
    void aStoreWhoseDataKeysNeedAMasterKeyNotConfiguredRefusesToOpen() {
        open(TestMasterKeys.M1);
        db.users().create(new NewUser("ana@example.com", "Ana"));
        assertThatThrownBy(() -> reopen(TestMasterKeys.M2)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("[m1]").hasMessageContaining("IAMKIT_MASTER_KEYS");
        db = fixture().open(clock, TestMasterKeys.M1);   // for the clean-up; the store above is closed
    }

    @Test
    void aStoreHoldingEncryptedUsersRefusesToOpenWithEncryptionOff() {
        open(TestMasterKeys.M1);
        db.users().create(new NewUser("ana@example.com", "Ana"));
        assertThatThrownBy(() -> reopen(PersonalDataCipher.off())).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("encrypted users").hasMessageContaining("IAMKIT_MASTER_KEYS");
        db = fixture().open(clock, TestMasterKeys.M1);
    }

    @Test
    void theWrongKeyUnderTheRightIdIsAClearErrorNotGarbage() {
        open(TestMasterKeys.M1);
        User ana = db.users().create(new NewUser("ana@example.com", "Ana"));
        reopen(TestMasterKeys.WRONG_M1);
        assertThatThrownBy(() -> db.users().find(ana.id())).isInstanceOf(UnreadableDataException.class)
                .isInstanceOf(StorageException.class).hasMessageContaining(ana.id().toString()).hasMessageContaining("'m1'");
        assertThat(((StorageException) catchFind(ana.id())).retryable()).isFalse();
    }

    private Throwable catchFind(UserId id) {
        try {
            db.users().find(id);
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    @Test
    void aChangedCiphertextIsDetectedByItsTag() {
        open(TestMasterKeys.M1);
        User ana = db.users().create(new NewUser("ana@example.com", "Ana"));
        User bob = db.users().create(new NewUser("bob@example.com", "Bob"));
        fixture().tamper(db, ana.id());
        assertThatThrownBy(() -> db.users().find(ana.id())).isInstanceOf(UnreadableDataException.class)
                .hasMessageContaining("authentication");
        assertThatThrownBy(() -> db.users().findByEmail("ana@example.com")).isInstanceOf(UnreadableDataException.class);
        assertThat(db.users().find(bob.id())).contains(bob);
    }

    @Test
    void anonymizeShredsAUserWhoseCiphertextNoLongerOpens() {
        open(TestMasterKeys.M1);
        User ana = db.users().create(new NewUser("ana@example.com", "Ana"));
        fixture().tamper(db, ana.id());
        db.privacy().anonymize(ana.id());
        StoredUser row = stored(ana.id());
        assertThat(row.key()).isEmpty();
        assertThat(row.personalData()).isEmpty();
        assertThat(db.users().find(ana.id()).orElseThrow().email()).isEqualTo(Anonymization.email(ana));
    }

    @Test
    void usersStoredBeforeEncryptionWasOnAreEncryptedInBatches() {
        open(PersonalDataCipher.off());
        List<User> users = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            users.add(db.users().create(new NewUser("user" + i + "@example.com", "User " + i)));
        }
        assertThatThrownBy(() -> db.personalData().encryptExisting(10)).isInstanceOf(ConfigurationException.class);
        reopen(TestMasterKeys.M1);
        assertThat(db.users().findByEmail("user0@example.com")).contains(users.get(0));   // plain rows still read
        assertThatThrownBy(() -> db.users().create(new NewUser("USER1@example.com", "Copy"))).isInstanceOf(AlreadyExistsException.class);
        assertThatThrownBy(() -> db.personalData().encryptExisting(0)).isInstanceOf(ValidationException.class)
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("batchSize");

        assertThat(db.personalData().encryptExisting(2)).isEqualTo(2);
        assertThat(db.personalData().encryptExisting(2)).isEqualTo(1);
        assertThat(db.personalData().encryptExisting(2)).isZero();

        for (User u : users) {
            StoredUser row = stored(u.id());
            assertThat(row.email()).doesNotContain("user");
            assertThat(row.personalData()).isPresent();
            assertThat(db.users().findByEmail(u.email())).contains(u);
            assertThat(db.users().find(u.id())).contains(u);
        }
        assertThatThrownBy(() -> db.users().create(new NewUser("user2@example.com", "Copy"))).isInstanceOf(AlreadyExistsException.class);
    }
}
