package dev.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.Actor;
import dev.iamkit.model.Organization;
import dev.iamkit.model.PasswordCheck;
import dev.iamkit.model.PasswordInfo;
import dev.iamkit.model.PasswordPolicy;
import dev.iamkit.model.User;
import dev.iamkit.model.UserId;
import dev.iamkit.store.CredentialStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Passwords: Argon2id hashes with their parameters, re-hashed when the policy is raised, imported
 * bcrypt hashes upgraded, a lockout on the rate limiter, and no hash anywhere it could leak. The
 * store is opened with cheap Argon2 parameters (m=256 KiB, t=1) and a lockout of 3 failures a
 * minute; one test runs at the defaults.
 */
public abstract class CredentialsContract extends ContractBase {
    protected static final PasswordPolicy TEST_POLICY = PasswordPolicy.defaults().withArgon2(256, 1, 1).withLockout(3, Duration.ofMinutes(1));
    /** bcrypt (cost 4) of {@code old-bcrypt-secret}, as a system being migrated from would hold it. */
    private static final String BCRYPT_2B = "$2b$04$KBCwKxOzLha2MUDgW0PjXe9FJK3tpHIA5SOyWjsmj9bGwPvB5f/gC";
    private static final String BCRYPT_2Y = "$2y$04$KBCwKxOzLha2MUDgW0PjXe9FJK3tpHIA5SOyWjsmj9bGwPvB5f/gC";
    /** Argon2id of {@code weak-argon-secret} at m=32 KiB, t=1, p=1: weaker than {@link #TEST_POLICY}. */
    private static final String WEAK_ARGON2 = "$argon2id$v=19$m=32,t=1,p=1$QdBP/HmpeISA2xlkqKVB9w$YQXw/bMDXUP1L5FkcLIvjTkP77m7oNKvWmnPILXD2jk";

    private User ana;

    @BeforeEach
    void openWithTestPolicy() {
        db.close();
        db = fixture().open(clock, TEST_POLICY);
        data = new TestData(db);
        ana = data.user();
    }

    private CredentialStore passwords() {
        return db.credentials();
    }

    @Test
    void theRightPasswordVerifiesAndAWrongOneIsRefusedWithoutThrowing() {
        passwords().set(ana.id(), "correct horse battery staple");

        assertThat(passwords().verify(ana.id(), "correct horse battery staple")).isEqualTo(PasswordCheck.OK);
        assertThat(passwords().verify(ana.id(), "correct horse battery stapl")).isEqualTo(PasswordCheck.WRONG);
        assertThat(passwords().verify(ana.id(), "Correct horse battery staple")).isEqualTo(PasswordCheck.WRONG);
        assertThat(passwords().verify(ana.id(), "correct horse battery staple ")).isEqualTo(PasswordCheck.WRONG);
    }

    @Test
    void theHashIsArgon2idWithThePolicysParametersRecorded() {
        passwords().set(ana.id(), "s3cret-enough");

        PasswordInfo info = passwords().info(ana.id()).orElseThrow();
        assertThat(info.algorithm()).isEqualTo("argon2id");
        assertThat(info.parameters()).isEqualTo("m=256,t=1,p=1");
        assertThat(info.updatedAt()).isEqualTo(clock.instant());
        assertThat(info.lockedUntil()).isEmpty();
    }

    @Test
    void aUserWithoutAPasswordUnknownOrDeletedHasNoPassword() {
        assertThat(passwords().verify(ana.id(), "anything")).isEqualTo(PasswordCheck.NO_PASSWORD);
        assertThat(passwords().info(ana.id())).isEmpty();
        assertThat(passwords().verify(new UserId(UUID.randomUUID()), "anything")).isEqualTo(PasswordCheck.NO_PASSWORD);

        passwords().set(ana.id(), "s3cret-enough");
        db.users().delete(ana.id());
        assertThat(passwords().verify(ana.id(), "s3cret-enough")).isEqualTo(PasswordCheck.NO_PASSWORD);
        assertThatThrownBy(() -> passwords().set(ana.id(), "another one")).isInstanceOf(NotFoundException.class);
        db.users().restore(ana.id());
        assertThat(passwords().verify(ana.id(), "s3cret-enough")).isEqualTo(PasswordCheck.OK);
    }

    @Test
    void settingThePasswordOfAnUnknownUserIsNotFound() {
        UserId nobody = new UserId(UUID.randomUUID());
        assertThatThrownBy(() -> passwords().set(nobody, "s3cret-enough")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> passwords().importHash(nobody, BCRYPT_2B)).isInstanceOf(NotFoundException.class);
        assertThat(passwords().remove(nobody)).isFalse();
    }

    @Test
    void changeNeedsTheOldPasswordAndThenOnlyTheNewOneVerifies() {
        passwords().set(ana.id(), "first password");

        assertThat(passwords().change(ana.id(), "not the first", "second password")).isEqualTo(PasswordCheck.WRONG);
        assertThat(passwords().verify(ana.id(), "first password")).isEqualTo(PasswordCheck.OK);

        clock.advance(Duration.ofSeconds(5));
        assertThat(passwords().change(ana.id(), "first password", "second password")).isEqualTo(PasswordCheck.OK);
        assertThat(passwords().verify(ana.id(), "first password")).isEqualTo(PasswordCheck.WRONG);
        assertThat(passwords().verify(ana.id(), "second password")).isEqualTo(PasswordCheck.OK);
        assertThat(passwords().info(ana.id()).orElseThrow().updatedAt()).isEqualTo(clock.instant());
        assertThat(passwords().change(data.user().id(), "x", "y")).isEqualTo(PasswordCheck.NO_PASSWORD);
    }

    @Test
    void removeLeavesNoPassword() {
        passwords().set(ana.id(), "s3cret-enough");

        assertThat(passwords().remove(ana.id())).isTrue();
        assertThat(passwords().remove(ana.id())).isFalse();
        assertThat(passwords().verify(ana.id(), "s3cret-enough")).isEqualTo(PasswordCheck.NO_PASSWORD);
        assertThat(passwords().info(ana.id())).isEmpty();
    }

    @Test
    void anImportedBcryptHashVerifiesAndIsReplacedByArgon2id() {
        User ben = data.user();
        passwords().importHash(ana.id(), BCRYPT_2B);
        passwords().importHash(ben.id(), BCRYPT_2Y);
        assertThat(passwords().info(ana.id()).orElseThrow().algorithm()).isEqualTo("bcrypt");
        assertThat(passwords().info(ana.id()).orElseThrow().parameters()).isEqualTo("cost=4");

        assertThat(passwords().verify(ana.id(), "not-the-secret")).isEqualTo(PasswordCheck.WRONG);
        assertThat(passwords().info(ana.id()).orElseThrow().algorithm()).isEqualTo("bcrypt");

        assertThat(passwords().verify(ana.id(), "old-bcrypt-secret")).isEqualTo(PasswordCheck.OK);
        assertThat(passwords().verify(ben.id(), "old-bcrypt-secret")).isEqualTo(PasswordCheck.OK);
        for (UserId u : new UserId[] {ana.id(), ben.id()}) {
            assertThat(passwords().info(u).orElseThrow().algorithm()).isEqualTo("argon2id");
            assertThat(passwords().info(u).orElseThrow().parameters()).isEqualTo("m=256,t=1,p=1");
            assertThat(passwords().verify(u, "old-bcrypt-secret")).isEqualTo(PasswordCheck.OK);
            assertThat(passwords().verify(u, "old-bcrypt-secreT")).isEqualTo(PasswordCheck.WRONG);
        }
    }

    @Test
    void aHashWithOutdatedParametersIsReHashedAtThePolicysAfterASuccessOnly() {
        passwords().importHash(ana.id(), WEAK_ARGON2);
        assertThat(passwords().info(ana.id()).orElseThrow().parameters()).isEqualTo("m=32,t=1,p=1");

        assertThat(passwords().verify(ana.id(), "wrong")).isEqualTo(PasswordCheck.WRONG);
        assertThat(passwords().info(ana.id()).orElseThrow().parameters()).isEqualTo("m=32,t=1,p=1");

        clock.advance(Duration.ofSeconds(1));
        assertThat(passwords().verify(ana.id(), "weak-argon-secret")).isEqualTo(PasswordCheck.OK);
        PasswordInfo after = passwords().info(ana.id()).orElseThrow();
        assertThat(after.parameters()).isEqualTo("m=256,t=1,p=1");
        assertThat(after.updatedAt()).isEqualTo(clock.instant());
        assertThat(passwords().verify(ana.id(), "weak-argon-secret")).isEqualTo(PasswordCheck.OK);
    }

    @Test
    void aHashAtThePolicysParametersIsNotWrittenAgain() {
        passwords().set(ana.id(), "s3cret-enough");
        Instant written = clock.instant();
        clock.advance(Duration.ofSeconds(1));

        assertThat(passwords().verify(ana.id(), "s3cret-enough")).isEqualTo(PasswordCheck.OK);
        assertThat(passwords().info(ana.id()).orElseThrow().updatedAt()).isEqualTo(written);
    }

    @Test
    void importRefusesWhatIsNotABcryptOrArgon2idHashAndWritesNothing() {
        for (String bad : new String[] {"", "plaintext", "$2b$03$KBCwKxOzLha2MUDgW0PjXe9FJK3tpHIA5SOyWjsmj9bGwPvB5f/gC",
                "$2x$04$KBCwKxOzLha2MUDgW0PjXe9FJK3tpHIA5SOyWjsmj9bGwPvB5f/gC", BCRYPT_2B.substring(1), BCRYPT_2B + "x",
                WEAK_ARGON2.replace("argon2id", "argon2i"), WEAK_ARGON2.replace("v=19", "v=16"),
                WEAK_ARGON2.replace("m=32", "m=2000000"), WEAK_ARGON2.replace("m=32", "m=4"), WEAK_ARGON2.replace("t=1", "t=0"),
                WEAK_ARGON2.replace("p=1", "p=17"), WEAK_ARGON2.substring(0, 40), WEAK_ARGON2 + "$", "$argon2id$" + "A".repeat(600)}) {
            assertThatThrownBy(() -> passwords().importHash(ana.id(), bad)).as(bad)
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("hash"));
        }
        assertThatThrownBy(() -> passwords().importHash(ana.id(), null)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> passwords().importHash(null, BCRYPT_2B))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("user"));
        assertThat(passwords().info(ana.id())).isEmpty();
    }

    @Test
    void invalidPasswordsAreRefusedNamingTheFieldAndNothingIsWrittenOrCounted() {
        passwords().set(ana.id(), "kept password");
        String tooLong = "x".repeat(1025);
        expectInvalid("password", p -> passwords().set(ana.id(), p), "", tooLong, "nul\u0000inside", "lone \ud800 surrogate", null);
        expectInvalid("password", p -> passwords().verify(ana.id(), p), "", tooLong, "nul\u0000inside", null);
        expectInvalid("oldPassword", p -> passwords().change(ana.id(), p, "new password"), "", tooLong, null);
        expectInvalid("newPassword", p -> passwords().change(ana.id(), "kept password", p), "", tooLong, null);
        expectInvalid("user", p -> passwords().set(null, "kept password"), "x");
        expectInvalid("user", p -> passwords().verify(null, "kept password"), "x");
        expectInvalid("user", p -> passwords().remove(null), "x");

        assertThat(passwords().verify(ana.id(), "kept password")).isEqualTo(PasswordCheck.OK);   // not locked: nothing counted
        passwords().set(ana.id(), "x".repeat(1024));
        assertThat(passwords().verify(ana.id(), "x".repeat(1024))).isEqualTo(PasswordCheck.OK);
        passwords().set(ana.id(), " pässwörd 🔑 ");
        assertThat(passwords().verify(ana.id(), " pässwörd 🔑 ")).isEqualTo(PasswordCheck.OK);
    }

    private static void expectInvalid(String field, Consumer<String> call, String... inputs) {
        for (String input : inputs) {
            assertThatThrownBy(() -> call.accept(input)).as(field + " " + input)
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo(field));
        }
    }

    @Test
    void maxFailuresInAWindowLockVerificationsUntilTheWindowEnds() {
        passwords().set(ana.id(), "right one");

        assertThat(passwords().verify(ana.id(), "guess 1")).isEqualTo(PasswordCheck.WRONG);
        assertThat(passwords().verify(ana.id(), "guess 2")).isEqualTo(PasswordCheck.WRONG);
        assertThat(passwords().verify(ana.id(), "right one")).isEqualTo(PasswordCheck.OK);   // a success does not reset the count
        assertThat(passwords().verify(ana.id(), "guess 3")).isEqualTo(PasswordCheck.WRONG);

        assertThat(passwords().verify(ana.id(), "right one")).isEqualTo(PasswordCheck.LOCKED_OUT);
        assertThat(passwords().change(ana.id(), "right one", "another")).isEqualTo(PasswordCheck.LOCKED_OUT);
        assertThat(passwords().info(ana.id()).orElseThrow().lockedUntil()).contains(Instant.parse("2030-01-01T00:01:00Z"));

        clock.set(Instant.parse("2030-01-01T00:00:59.999Z"));
        assertThat(passwords().verify(ana.id(), "right one")).isEqualTo(PasswordCheck.LOCKED_OUT);
        clock.set(Instant.parse("2030-01-01T00:01:00Z"));
        assertThat(passwords().verify(ana.id(), "right one")).isEqualTo(PasswordCheck.OK);
        assertThat(passwords().info(ana.id()).orElseThrow().lockedUntil()).isEmpty();
    }

    @Test
    void aLockoutIsPerUserAndOthersSuccessesDoNotResetIt() {
        User ben = data.user();
        passwords().set(ana.id(), "ana's");
        passwords().set(ben.id(), "ben's");

        passwords().verify(ana.id(), "guess 1");
        passwords().verify(ana.id(), "guess 2");
        assertThat(passwords().verify(ben.id(), "ben's")).isEqualTo(PasswordCheck.OK);
        passwords().verify(ana.id(), "guess 3");

        assertThat(passwords().verify(ana.id(), "ana's")).isEqualTo(PasswordCheck.LOCKED_OUT);
        assertThat(passwords().verify(ben.id(), "ben's")).isEqualTo(PasswordCheck.OK);
        assertThat(passwords().verify(ben.id(), "guess")).isEqualTo(PasswordCheck.WRONG);
    }

    @Test
    void eightThreadsGuessingAtOnceLockTheUserAndEachIsAnsweredWrongOrLockedOut() throws Exception {
        passwords().set(ana.id(), "right one");
        int threads = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<PasswordCheck>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String guess = "guess " + i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return passwords().verify(ana.id(), guess);
                }));
            }
            start.countDown();
            for (var a : answers) {
                assertThat(a.get(30, java.util.concurrent.TimeUnit.SECONDS)).isIn(PasswordCheck.WRONG, PasswordCheck.LOCKED_OUT);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(passwords().verify(ana.id(), "right one")).isEqualTo(PasswordCheck.LOCKED_OUT);
        assertThat(passwords().info(ana.id()).orElseThrow().lockedUntil()).contains(Instant.parse("2030-01-01T00:01:00Z"));
    }

    @Test
    void settingAPasswordLiftsTheLockout() {
        passwords().set(ana.id(), "forgotten");
        for (int i = 0; i < 3; i++) {
            passwords().verify(ana.id(), "guess " + i);
        }
        assertThat(passwords().verify(ana.id(), "forgotten")).isEqualTo(PasswordCheck.LOCKED_OUT);

        passwords().set(ana.id(), "reset by the operator");
        assertThat(passwords().verify(ana.id(), "reset by the operator")).isEqualTo(PasswordCheck.OK);
    }

    @Test
    void noHashOrPasswordAppearsInTheExportTheAuditTrailOrToString() {
        Organization acme = data.org();
        db.inTenant(acme.id(), Actor.user(ana.id()), tx -> tx.memberships().add(ana.id(), dev.iamkit.model.OrgRole.MEMBER));
        passwords().set(ana.id(), "visible-nowhere");
        passwords().verify(ana.id(), "visible-nowhere-wrong");
        passwords().change(ana.id(), "visible-nowhere", "visible-nowhere-2");
        User ben = data.member(acme.id());
        passwords().importHash(ben.id(), BCRYPT_2B);
        passwords().verify(ben.id(), "old-bcrypt-secret");

        for (UserId u : new UserId[] {ana.id(), ben.id()}) {
            String export = db.privacy().exportUser(u);
            assertThat(export).doesNotContain("$argon2id$", "$2b$", "visible-nowhere", "old-bcrypt-secret", "KBCwKxOzLha2MUDgW0PjXe");
            assertThat(passwords().info(u).orElseThrow().toString()).doesNotContain("$", "visible-nowhere");
        }
        String audit = db.tenant(acme.id()).audit().list(dev.iamkit.model.PageRequest.first(1000)).toString();
        assertThat(audit).doesNotContain("$argon2id$", "$2b$", "visible-nowhere", "old-bcrypt-secret");
    }

    @Test
    void anonymizeRemovesThePassword() {
        passwords().set(ana.id(), "s3cret-enough");

        db.privacy().anonymize(ana.id());

        assertThat(passwords().info(ana.id())).isEmpty();
        assertThat(passwords().verify(ana.id(), "s3cret-enough")).isEqualTo(PasswordCheck.NO_PASSWORD);
    }

    @Test
    void purgeRemovesThePasswordWithTheUser() {
        passwords().set(ana.id(), "s3cret-enough");
        db.users().delete(ana.id());
        clock.advance(Duration.ofDays(2));

        assertThat(db.privacy().purge(Duration.ofDays(1))).isEqualTo(1);
        assertThat(passwords().verify(ana.id(), "s3cret-enough")).isEqualTo(PasswordCheck.NO_PASSWORD);
    }

    @Test
    void atTheDefaultParametersHashesAreArgon2idM19456T2P1() {
        db.close();
        db = fixture().open(clock);
        User u = new TestData(db).user();

        db.credentials().set(u.id(), "default cost");

        assertThat(db.credentials().verify(u.id(), "default cost")).isEqualTo(PasswordCheck.OK);
        assertThat(db.credentials().verify(u.id(), "default cosT")).isEqualTo(PasswordCheck.WRONG);
        assertThat(db.credentials().info(u.id()).map(i -> i.algorithm() + " " + i.parameters())).isEqualTo(Optional.of("argon2id m=19456,t=2,p=1"));
    }
}
