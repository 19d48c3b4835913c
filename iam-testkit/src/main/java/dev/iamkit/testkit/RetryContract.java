package dev.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.StorageException;
import dev.iamkit.error.StorageException.Kind;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.Actor;
import dev.iamkit.model.NewRole;
import dev.iamkit.model.NewUser;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Role;
import dev.iamkit.model.RoleId;
import dev.iamkit.model.User;
import dev.iamkit.retry.IdempotencyKey;
import dev.iamkit.retry.ResultCodec;
import dev.iamkit.retry.RetryPolicy;
import dev.iamkit.retry.Retrying;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code db.retrying(policy)}: what it repeats (failures that were not applied; with a key, also
 * those whose outcome is unknown), what it never repeats, and when it gives up. The failures are
 * thrown by the calls themselves, so every store shows the same behaviour; the PostgreSQL store's
 * own tests make the real ones.
 */
public abstract class RetryContract extends ContractBase {
    private static final RetryPolicy QUICK = RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(2));

    private OrgId org;
    private Retrying retrying;

    @BeforeEach
    void scenario() {
        org = data.org().id();
        retrying = db.retrying(QUICK);
    }

    private static StorageException failure(Kind kind) {
        return new StorageException(kind, "08006", "simulated " + kind, null);
    }

    private List<String> roleCodes() {
        return db.tenant(org).roles().list(PageRequest.first()).items().stream().map(Role::code).toList();
    }

    @Test
    void aCallThatFailsWithoutBeingAppliedIsRepeatedUntilItSucceeds() {
        AtomicInteger attempts = new AtomicInteger();

        User made = retrying.call(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw failure(Kind.NOT_APPLIED);
            }
            return db.users().create(new NewUser("retried@example.com", "Retried"));
        });

        assertThat(attempts).hasValue(3);
        assertThat(db.users().find(made.id())).isPresent();
    }

    @Test
    void tenantWorkThatFailsWithoutBeingAppliedIsRolledBackAndRunAgain() {
        AtomicInteger attempts = new AtomicInteger();

        RoleId made = retrying.inTenant(org, Actor.system(), tx -> {
            RoleId id = tx.roles().create(new NewRole("clerk", "Clerk")).id();
            if (attempts.incrementAndGet() == 1) {
                throw failure(Kind.NOT_APPLIED);
            }
            return id;
        });

        assertThat(attempts).hasValue(2);
        assertThat(roleCodes()).containsExactly("clerk");
        assertThat(db.tenant(org).roles().find(made)).isPresent();
        assertThat(db.tenant(org).audit().list(PageRequest.first()).items()).hasSize(1);
    }

    @Test
    void rejectedFailuresAndTheLibrarysOtherExceptionsAreThrownAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        StorageException rejected = failure(Kind.REJECTED);
        assertThat(catchThrowable(() -> retrying.call(() -> {
            attempts.incrementAndGet();
            throw rejected;
        }))).isSameAs(rejected);
        assertThat(attempts).hasValue(1);

        db.tenant(org).roles().create(new NewRole("clerk", "Clerk"));
        assertThatThrownBy(() -> retrying.call(() -> {
            attempts.incrementAndGet();
            return db.tenant(org).roles().create(new NewRole("clerk", "Clerk"));
        })).isInstanceOf(AlreadyExistsException.class);
        assertThat(attempts).hasValue(2);

        IllegalStateException own = new IllegalStateException("the host's own failure");
        assertThat(catchThrowable(() -> retrying.run(() -> {
            attempts.incrementAndGet();
            throw own;
        }))).isSameAs(own);
        assertThat(attempts).hasValue(3);
    }

    @Test
    void anUnknownOutcomeWithoutAKeyIsThrownAtOnceForTheCallerToResolve() {
        AtomicInteger attempts = new AtomicInteger();
        StorageException unknown = failure(Kind.OUTCOME_UNKNOWN);

        assertThat(catchThrowable(() -> retrying.inTenant(org, Actor.system(), tx -> {
            attempts.incrementAndGet();
            throw unknown;
        }))).isSameAs(unknown);
        assertThat(catchThrowable(() -> retrying.call(() -> {
            attempts.incrementAndGet();
            throw unknown;
        }))).isSameAs(unknown);
        assertThat(attempts).hasValue(2);
        assertThat(unknown.retryable()).isFalse();
    }

    @Test
    void keyedWorkIsRepeatedAfterAnUnknownOutcomeAndMadeOnce() {
        AtomicInteger attempts = new AtomicInteger();
        IdempotencyKey key = IdempotencyKey.of("request-1");
        ResultCodec<RoleId> codec = ResultCodec.of(RoleId::toString, RoleId::parse);

        RoleId made = retrying.inTenant(org, Actor.system(), key, codec, tx -> {
            RoleId id = tx.roles().create(new NewRole("clerk", "Clerk")).id();
            if (attempts.incrementAndGet() == 1) {
                throw failure(Kind.OUTCOME_UNKNOWN);
            }
            return id;
        });
        RoleId again = retrying.inTenant(org, Actor.system(), key, codec, tx -> {
            attempts.incrementAndGet();
            return tx.roles().create(new NewRole("clerk", "Clerk")).id();
        });

        assertThat(attempts).hasValue(2);
        assertThat(again).isEqualTo(made);
        assertThat(roleCodes()).containsExactly("clerk");
    }

    @Test
    void whenTheAttemptsRunOutTheLastFailureIsThrownWithTheEarlierOnesAttached() {
        AtomicInteger attempts = new AtomicInteger();
        Retrying three = db.retrying(QUICK.withMaxAttempts(3));

        Throwable thrown = catchThrowable(() -> three.call(() -> {
            throw new StorageException(Kind.NOT_APPLIED, "40001", "attempt " + attempts.incrementAndGet(), null);
        }));

        assertThat(attempts).hasValue(3);
        assertThat(thrown).isInstanceOf(StorageException.class).hasMessage("attempt 3");
        assertThat(thrown.getSuppressed()).extracting(Throwable::getMessage).containsExactly("attempt 1", "attempt 2");
        assertThat(((StorageException) thrown).code()).contains("40001");
    }

    @Test
    void keyedWorkThatGivesUpAfterAnUnknownOutcomeIsReportedUnknownThoughItsLastAttemptAppliedNothing() {
        AtomicInteger attempts = new AtomicInteger();
        Retrying three = db.retrying(QUICK.withMaxAttempts(3));

        Throwable thrown = catchThrowable(() -> three.inTenant(org, Actor.system(), IdempotencyKey.of("lost"), ResultCodec.none(), tx -> {
            throw attempts.incrementAndGet() == 1 ? failure(Kind.OUTCOME_UNKNOWN) : failure(Kind.NOT_APPLIED);
        }));

        assertThat(attempts).hasValue(3);
        assertThat(thrown).isInstanceOfSatisfying(StorageException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.OUTCOME_UNKNOWN);
            assertThat(e.retryable()).isFalse();
            assertThat(e.code()).contains("08006");
            assertThat(e.getCause()).isInstanceOfSatisfying(StorageException.class, last -> assertThat(last.kind()).isEqualTo(Kind.NOT_APPLIED));
        });
        assertThat(thrown.getSuppressed()).extracting(t -> ((StorageException) t).kind()).containsExactly(Kind.OUTCOME_UNKNOWN, Kind.NOT_APPLIED);
    }

    @Test
    void noAttemptStartsOnceTheDeadlineHasPassed() {
        AtomicInteger attempts = new AtomicInteger();
        // every pause is at least 50 ms, past a deadline of 1 ms
        Retrying hurried = db.retrying(RetryPolicy.defaults().withBackoff(Duration.ofMillis(100), Duration.ofMillis(100))
                .withDeadline(Duration.ofMillis(1)));

        assertThatThrownBy(() -> hurried.call(() -> {
            attempts.incrementAndGet();
            throw failure(Kind.NOT_APPLIED);
        })).isInstanceOf(StorageException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aClosedStoreRefusesEveryCallAsRejectedAndIsNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        db.close();

        Throwable thrown = catchThrowable(() -> retrying.call(() -> {
            attempts.incrementAndGet();
            return db.users().find(dev.iamkit.model.UserId.of(java.util.UUID.randomUUID()));
        }));

        assertThat(thrown).isInstanceOfSatisfying(StorageException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.REJECTED);
            assertThat(e.retryable()).isFalse();
        });
        assertThat(attempts).hasValue(1);
        assertThat(catchThrowable(() -> db.inTenant(org, Actor.system(), IdempotencyKey.of("k"), ResultCodec.none(), tx -> null)))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(Kind.REJECTED));
        db = null;
    }

    @Test
    void missingArgumentsAreRefusedNamingThem() {
        assertThatThrownBy(() -> db.retrying(null)).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("policy"));
        assertThatThrownBy(() -> retrying.call(null)).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("call"));
        assertThatThrownBy(() -> retrying.inTenant(org, Actor.system(), null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("work"));
        assertThatThrownBy(() -> retrying.inTenant(org, Actor.system(), null, ResultCodec.none(), tx -> null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("idempotencyKey"));
    }
}
