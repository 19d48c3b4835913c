package dev.iamkit.testkit;

import static dev.iamkit.testkit.GlobalFixtures.unknownUser;
import static dev.iamkit.testkit.GlobalFixtures.walk;
import static dev.iamkit.testkit.GlobalFixtures.withVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.StaleVersionException;
import dev.iamkit.model.AuditEvent;
import dev.iamkit.model.NewUser;
import dev.iamkit.model.Organization;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.User;
import dev.iamkit.model.UserId;
import dev.iamkit.model.UserStatus;
import dev.iamkit.store.UserStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Users: case-insensitive email identity, optimistic updates, status, email verification, soft
 * delete and restore. See {@link UserStore} and docs/semantics.md.
 */
public abstract class UserStoreContract extends ContractBase {

    private UserStore users() {
        return db.users();
    }

    private User create(String email) {
        return users().create(new NewUser(email, "Person " + data.next()));
    }

    private User stored(UserId id) {
        return users().find(id).orElseThrow();
    }

    private List<User> listAll() {
        return users().list(PageRequest.first(PageRequest.MAX_LIMIT)).items();
    }

    private static void assertEmailTaken(Throwable thrown, String email) {
        assertThat(thrown).asInstanceOf(type(AlreadyExistsException.class)).satisfies(e -> {
            assertThat(e.entity()).isEqualTo("user");
            assertThat(e.field()).isEqualTo("email");
            assertThat(e.value()).isEqualTo(email);
        });
    }

    // ---- create and find -------------------------------------------------------------------

    @Test
    void createReturnsAnActiveUnverifiedUserAtVersionZeroStampedByTheClock() {
        Instant now = clock.instant();

        User user = users().create(new NewUser("ana@example.com", "Ana Lima"));

        assertThat(user.id()).isNotNull();
        assertThat(user.email()).isEqualTo("ana@example.com");
        assertThat(user.displayName()).isEqualTo("Ana Lima");
        assertThat(user.status()).isEqualTo(UserStatus.ACTIVE);
        assertThat(user.emailVerifiedAt()).isEmpty();
        assertThat(user.version()).isZero();
        assertThat(user.createdAt()).isEqualTo(now);
        assertThat(user.updatedAt()).isEqualTo(now);
        assertThat(user.deletedAt()).isEmpty();
        assertThat(users().find(user.id())).contains(user);
    }

    @Test
    void createStoresTheEmailLowerCasedAndTrimmed() {
        User user = users().create(new NewUser("  Ana.Lima@Example.COM \t", "  Ana Lima "));

        assertThat(user.email()).isEqualTo("ana.lima@example.com");
        assertThat(user.displayName()).isEqualTo("Ana Lima");
        assertThat(stored(user.id()).email()).isEqualTo("ana.lima@example.com");
        assertThat(users().findByEmail("ana.lima@example.com")).contains(user);
    }

    @Test
    void createKeepsTheRequestedStatus() {
        User pending = users().create(new NewUser("invited@example.com", "Invited", UserStatus.PENDING));

        assertThat(pending.status()).isEqualTo(UserStatus.PENDING);
        assertThat(stored(pending.id()).status()).isEqualTo(UserStatus.PENDING);
    }

    @Test
    void emailIsUniqueIgnoringCaseAndAFailedCreateWritesNothing() {
        User ana = create("ana@example.com");

        Throwable thrown = catchThrowable(() -> create("ANA@Example.Com"));

        assertEmailTaken(thrown, "ana@example.com");
        assertThat(listAll()).containsExactly(ana);
    }

    @Test
    void findByEmailMatchesInAnyCase() {
        User ana = create("Ana@Example.com");

        assertThat(users().findByEmail("ana@example.com")).contains(ana);
        assertThat(users().findByEmail("ANA@EXAMPLE.COM")).contains(ana);
        assertThat(users().findByEmail("aNa@eXample.cOm")).contains(ana);
    }

    @Test
    void findAndFindByEmailOfUnknownUsersAreEmpty() {
        create("ana@example.com");

        assertThat(users().find(unknownUser())).isEmpty();
        assertThat(users().findByEmail("ben@example.com")).isEmpty();
    }

    @Test
    void listPagesThroughNonDeletedUsersInCreationOrder() {
        User a = create("a@example.com");
        User b = create("b@example.com");
        User c = create("c@example.com");
        User d = create("d@example.com");
        User e = create("e@example.com");
        users().delete(c.id());

        Page<User> first = users().list(PageRequest.first(2));
        assertThat(first.items()).containsExactly(a, b);
        assertThat(first.nextCursor()).isPresent();
        Page<User> second = users().list(first.next().orElseThrow());
        assertThat(second.items()).containsExactly(d, e);
        assertThat(second.nextCursor()).isEmpty();
        assertThat(walk(users()::list, 1)).containsExactly(a, b, d, e);
    }

    // ---- update ----------------------------------------------------------------------------

    @Test
    void updateStoresTheDisplayNameIncrementsTheVersionAndStampsUpdatedAt() {
        User user = create("ana@example.com");
        clock.advance(Duration.ofMinutes(3));

        User updated = users().update(user.withDisplayName("Ana Maria Lima"));

        assertThat(updated.displayName()).isEqualTo("Ana Maria Lima");
        assertThat(updated.version()).isEqualTo(1);
        assertThat(updated.createdAt()).isEqualTo(user.createdAt());
        assertThat(updated.updatedAt()).isEqualTo(user.createdAt().plus(Duration.ofMinutes(3)));
        assertThat(stored(user.id())).isEqualTo(updated);
    }

    @Test
    void updateStoresANewEmailLowerCasedAndFreesTheOldOne() {
        User user = create("ana@example.com");

        User updated = users().update(user.withEmail("Ana.Lima@Example.com"));

        assertThat(updated.email()).isEqualTo("ana.lima@example.com");
        assertThat(users().findByEmail("ANA.LIMA@example.com")).contains(updated);
        assertThat(users().findByEmail("ana@example.com")).isEmpty();
        User newcomer = create("ana@example.com");
        assertThat(users().findByEmail("ana@example.com")).contains(newcomer);
    }

    @Test
    void updateToTheEmailOfAnotherUserInAnyCaseIsAlreadyExistsAndChangesNothing() {
        create("ana@example.com");
        User ben = create("ben@example.com");

        Throwable thrown = catchThrowable(
                () -> users().update(ben.withEmail("ANA@example.com").withDisplayName("Renamed")));

        assertEmailTaken(thrown, "ana@example.com");
        assertThat(stored(ben.id())).isEqualTo(ben);
    }

    @Test
    void updateToTheEmailOfADeletedUserIsAllowed() {
        User ana = create("ana@example.com");
        users().delete(ana.id());
        User ben = create("ben@example.com");

        User updated = users().update(ben.withEmail("ana@example.com"));

        assertThat(users().findByEmail("ana@example.com")).contains(updated);
    }

    @Test
    void updateWithAStaleVersionIsStaleVersionAndKeepsTheFirstChange() {
        User read = create("ana@example.com");
        User winner = users().update(read.withDisplayName("First writer"));

        assertThatThrownBy(() -> users().update(read.withDisplayName("Second writer")))
                .asInstanceOf(type(StaleVersionException.class))
                .satisfies(e -> {
                    assertThat(e.entity()).isEqualTo("user");
                    assertThat(e.id()).isEqualTo(read.id().toString());
                    assertThat(e.expectedVersion()).isZero();
                });
        assertThatThrownBy(() -> users().update(withVersion(read, 9)))
                .asInstanceOf(type(StaleVersionException.class))
                .satisfies(e -> assertThat(e.expectedVersion()).isEqualTo(9));
        assertThat(stored(read.id())).isEqualTo(winner);
    }

    @Test
    void updateOfADeletedOrUnknownUserIsNotFound() {
        User user = create("ana@example.com");
        User deleted = users().delete(user.id());
        User unknown = new User(unknownUser(), "ghost@example.com", "Ghost", UserStatus.ACTIVE, Optional.empty(), 0,
                clock.instant(), clock.instant(), Optional.empty());

        assertThatThrownBy(() -> users().update(deleted.withDisplayName("Back")))
                .asInstanceOf(type(NotFoundException.class))
                .satisfies(e -> {
                    assertThat(e.entity()).isEqualTo("user");
                    assertThat(e.id()).isEqualTo(user.id().toString());
                });
        assertThatThrownBy(() -> users().update(unknown))
                .asInstanceOf(type(NotFoundException.class))
                .satisfies(e -> {
                    assertThat(e.entity()).isEqualTo("user");
                    assertThat(e.id()).isEqualTo(unknown.id().toString());
                });
        assertThat(stored(user.id())).isEqualTo(deleted);
        assertThat(users().findByEmail("ghost@example.com")).isEmpty();
    }

    @Test
    void everyStatusChangeIsStoredAndCountsAsAVersion() {
        User user = create("ana@example.com");

        User current = user;
        for (UserStatus status : List.of(UserStatus.INACTIVE, UserStatus.SUSPENDED, UserStatus.PENDING, UserStatus.ACTIVE)) {
            current = users().update(current.withStatus(status));
            assertThat(current.status()).isEqualTo(status);
            assertThat(stored(user.id()).status()).isEqualTo(status);
        }

        assertThat(current.version()).isEqualTo(4);
        assertThat(listAll()).containsExactly(current);
    }

    @Test
    void emailVerifiedAtIsStoredAtMicrosecondPrecisionAndCanBeCleared() {
        User user = create("ana@example.com");
        Instant verified = Instant.parse("2030-01-01T10:11:12.345678901Z");

        User verifiedUser = users().update(user.withEmailVerifiedAt(Optional.of(verified)));

        assertThat(verifiedUser.emailVerifiedAt()).contains(Instant.parse("2030-01-01T10:11:12.345678Z"));
        assertThat(stored(user.id()).emailVerifiedAt()).contains(Instant.parse("2030-01-01T10:11:12.345678Z"));

        User cleared = users().update(verifiedUser.withEmailVerifiedAt(Optional.empty()));

        assertThat(cleared.emailVerifiedAt()).isEmpty();
        assertThat(stored(user.id()).emailVerifiedAt()).isEmpty();
        assertThat(cleared.version()).isEqualTo(2);
    }

    // ---- delete and restore ----------------------------------------------------------------

    @Test
    void deleteIsSoftFindStillReturnsItButEmailAndListDoNot() {
        User keep = create("ben@example.com");
        User user = create("ana@example.com");
        clock.advance(Duration.ofHours(2));

        User deleted = users().delete(user.id());

        assertThat(deleted.deletedAt()).contains(clock.instant());
        assertThat(deleted.deleted()).isTrue();
        assertThat(deleted.version()).isEqualTo(1);
        assertThat(deleted.email()).isEqualTo("ana@example.com");
        assertThat(users().find(user.id())).contains(deleted);
        assertThat(users().findByEmail("ana@example.com")).isEmpty();
        assertThat(listAll()).containsExactly(keep);
    }

    @Test
    void softDeleteFreesTheEmailForANewUserInAnyCase() {
        User old = create("ana@example.com");
        users().delete(old.id());

        User newcomer = create("ANA@example.com");

        assertThat(newcomer.id()).isNotEqualTo(old.id());
        assertThat(newcomer.email()).isEqualTo("ana@example.com");
        assertThat(users().findByEmail("ana@example.com")).contains(newcomer);
        assertThat(stored(old.id()).deleted()).isTrue();
    }

    @Test
    void deleteOfADeletedOrUnknownUserIsNotFound() {
        User user = create("ana@example.com");
        User deleted = users().delete(user.id());
        UserId missing = unknownUser();

        assertThatThrownBy(() -> users().delete(user.id()))
                .asInstanceOf(type(NotFoundException.class))
                .satisfies(e -> assertThat(e.id()).isEqualTo(user.id().toString()));
        assertThatThrownBy(() -> users().delete(missing))
                .asInstanceOf(type(NotFoundException.class))
                .satisfies(e -> {
                    assertThat(e.entity()).isEqualTo("user");
                    assertThat(e.id()).isEqualTo(missing.toString());
                });
        assertThat(stored(user.id())).isEqualTo(deleted);
    }

    @Test
    void restoreUndoesTheDeleteAndIncrementsTheVersion() {
        User user = create("ana@example.com");
        users().delete(user.id());

        User restored = users().restore(user.id());

        assertThat(restored.deletedAt()).isEmpty();
        assertThat(restored.version()).isEqualTo(2);
        assertThat(users().findByEmail("ana@example.com")).contains(restored);
        assertThat(listAll()).containsExactly(restored);
    }

    @Test
    void restoreOfAUserThatIsNotDeletedReturnsItUnchanged() {
        User user = create("ana@example.com");

        assertThat(users().restore(user.id())).isEqualTo(user);
        assertThat(stored(user.id())).isEqualTo(user);
    }

    @Test
    void restoreWhenTheEmailWasTakenMeanwhileInAnyCaseIsAlreadyExistsAndLeavesItDeleted() {
        User old = create("ana@example.com");
        User deleted = users().delete(old.id());
        User newcomer = create("Ana@Example.com");

        Throwable thrown = catchThrowable(() -> users().restore(old.id()));

        assertEmailTaken(thrown, "ana@example.com");
        assertThat(stored(old.id())).isEqualTo(deleted);
        assertThat(users().findByEmail("ana@example.com")).contains(newcomer);
    }

    @Test
    void restoreOfAnUnknownUserIsNotFound() {
        UserId missing = unknownUser();

        assertThatThrownBy(() -> users().restore(missing))
                .asInstanceOf(type(NotFoundException.class))
                .satisfies(e -> {
                    assertThat(e.entity()).isEqualTo("user");
                    assertThat(e.id()).isEqualTo(missing.toString());
                });
    }

    @Test
    void changesToAUserAreNotInTheTrailsOfItsOrganizations() {
        Organization acme = data.org();
        User user = data.member(acme.id());
        List<AuditEvent> trail = db.tenant(acme.id()).audit().list(PageRequest.first(PageRequest.MAX_LIMIT)).items();

        User updated = users().update(user.withDisplayName("Renamed").withStatus(UserStatus.SUSPENDED));
        users().delete(user.id());
        users().restore(user.id());

        assertThat(updated.version()).isEqualTo(1);
        assertThat(trail).extracting(AuditEvent::action).containsExactly("membership.create");
        assertThat(db.tenant(acme.id()).audit().list(PageRequest.first(PageRequest.MAX_LIMIT)).items()).isEqualTo(trail);
    }
}
