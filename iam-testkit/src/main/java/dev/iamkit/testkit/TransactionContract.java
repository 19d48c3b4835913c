package dev.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.iamkit.TenantScope;
import dev.iamkit.error.ScopeEndedException;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.StorageException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.Actor;
import dev.iamkit.model.AuditEvent;
import dev.iamkit.model.Feature;
import dev.iamkit.model.FeatureGrant;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.Grant;
import dev.iamkit.model.Membership;
import dev.iamkit.model.NewRole;
import dev.iamkit.model.NewTeam;
import dev.iamkit.model.NewUser;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.OrgRole;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Principal;
import dev.iamkit.model.Role;
import dev.iamkit.model.RoleId;
import dev.iamkit.model.User;
import dev.iamkit.store.RoleStore;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code inTenant} is one transaction (commit on return, rollback and rethrow on any exception),
 * each call through {@code tenant(org)} is its own, scopes die with their work, a closed store
 * refuses everything, and an organization that does not exist takes no writes.
 */
public abstract class TransactionContract extends ContractBase {
    private AccessFixtures fx;
    private OrgId org;
    private Feature feature;

    @BeforeEach
    void scenario() {
        fx = new AccessFixtures(db, data);
        org = data.org().id();
        feature = data.feature("read", "write");
        fx.entitledModule(org, feature);
    }

    private static final class Boom extends RuntimeException {
        Boom() {
            super("the host's work failed");
        }
    }

    @Test
    void exceptionInsideTheWorkLeavesNothingAndIsRethrownAsTheSameInstance() {
        User user = data.user();
        int events = fx.audit(org).size();
        Boom boom = new Boom();

        Throwable thrown = catchThrowable(() -> db.inTenant(org, Actor.system(), tx -> {
            tx.memberships().add(user.id(), OrgRole.MEMBER);
            Role role = tx.roles().create(new NewRole("doomed", "Doomed"));
            tx.grants().grant(role.id(), Grant.allow(feature, "read"));
            tx.assignments().assign(role.id(), user.id());
            tx.teams().create(new NewTeam("Doomed team"));
            throw boom;
        }));

        assertThat(thrown).isSameAs(boom);
        TenantScope t = db.tenant(org);
        assertThat(t.roles().findByCode("doomed")).isEmpty();
        assertThat(t.roles().list(PageRequest.first()).items()).isEmpty();
        assertThat(t.teams().findByName("Doomed team")).isEmpty();
        assertThat(t.memberships().find(user.id())).isEmpty();
        assertThat(t.assignments().listFor(Principal.user(user.id()))).isEmpty();
        assertThat(t.authz().check(user.id(), feature.id(), "read")).isFalse();
        assertThat(fx.audit(org)).hasSize(events);
    }

    @Test
    void libraryExceptionInsideTheWorkRollsBackEarlierWritesAndIsRethrownUnchanged() {
        User member = data.member(org);
        int events = fx.audit(org).size();

        Throwable thrown = catchThrowable(() -> db.inTenant(org, Actor.system(), tx -> {
            tx.roles().create(new NewRole("first", "First"));
            return tx.memberships().add(member.id(), OrgRole.ADMIN);   // already a member
        }));

        assertThat(thrown).isInstanceOfSatisfying(dev.iamkit.error.AlreadyExistsException.class,
                e -> assertThat(e.field()).isEqualTo("userId"));
        assertThat(db.tenant(org).roles().findByCode("first")).isEmpty();
        assertThat(fx.audit(org)).hasSize(events);
    }

    @Test
    void rollbackRestoresWhatTheWorkDeletedWithItsCascades() {
        User user = data.member(org);
        Role role = fx.role(org, Grant.allow(feature, "read"));
        fx.assign(org, role, user);
        List<FeatureGrant> grants = db.tenant(org).grants().list(role.id());

        catchThrowable(() -> db.inTenant(org, Actor.system(), tx -> {
            tx.roles().delete(role.id());
            tx.memberships().remove(user.id());
            throw new Boom();
        }));

        assertThat(db.tenant(org).roles().find(role.id())).contains(role);
        assertThat(db.tenant(org).grants().list(role.id())).isEqualTo(grants);
        assertThat(db.tenant(org).memberships().find(user.id())).isPresent();
        assertThat(db.tenant(org).authz().check(user.id(), feature.id(), "read")).isTrue();
    }

    @Test
    void normalReturnCommitsEveryChangeAndReturnsTheWorksValue() {
        User user = data.member(org);
        int events = fx.audit(org).size();

        Role returned = db.inTenant(org, Actor.system(), tx -> {
            Role r = tx.roles().create(new NewRole("kept", "Kept"));
            tx.grants().grant(r.id(), Grant.allow(feature, "read"));
            tx.assignments().assign(r.id(), user.id());
            return r;
        });

        assertThat(db.tenant(org).roles().find(returned.id())).contains(returned);
        assertThat(db.tenant(org).authz().check(user.id(), feature.id(), "read")).isTrue();
        assertThat(fx.auditSince(org, events)).extracting(AuditEvent::action)
                .containsExactly("role.create", "grant.set", "assignment.set");
    }

    @Test
    void readsInsideTheWorkSeeItsOwnWrites() {
        User user = data.user();
        int events = fx.audit(org).size();

        List<Object> seen = db.inTenant(org, Actor.system(), tx -> {
            Role r = tx.roles().create(new NewRole("fresh", "Fresh"));
            tx.grants().grant(r.id(), Grant.allow(feature, "write"));
            tx.memberships().add(user.id(), OrgRole.MEMBER);
            return List.of(tx.roles().findByCode("fresh").isPresent(), tx.grants().list(r.id()).size(),
                    tx.memberships().find(user.id()).map(Membership::role).orElseThrow(),
                    tx.audit().list(PageRequest.first()).items().size());
        });

        assertThat(seen).containsExactly(true, 1, OrgRole.MEMBER, events + 3);
    }

    @Test
    void rolledBackEventsLeaveNoGapInTheSequence() {
        data.role(org);
        int events = fx.audit(org).size();

        catchThrowable(() -> db.inTenant(org, Actor.system(), tx -> {
            tx.roles().create(new NewRole("gone", "Gone"));
            throw new Boom();
        }));
        data.role(org);

        assertThat(fx.audit(org)).extracting(AuditEvent::seq).last().isEqualTo(events + 1L);
    }

    @Test
    void failingReplaceThroughTheTenantScopeWritesNoneOfItsGrants() {
        Role role = fx.role(org, Grant.allow(feature, "read"));
        List<FeatureGrant> before = db.tenant(org).grants().list(role.id());
        int events = fx.audit(org).size();

        assertThatThrownBy(() -> db.tenant(org).grants().replace(role.id(), List.of(
                Grant.deny(feature, "read"), Grant.allow(feature, "write"), Grant.allow(FeatureId.of(UUID.randomUUID()), "read"))))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.entity()).isEqualTo("feature"));
        assertThatThrownBy(() -> db.tenant(org).grants().replace(role.id(), List.of(
                Grant.deny(feature, "read"), Grant.allow(feature, "write"), Grant.allow(feature, "approve"))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("action"));

        assertThat(db.tenant(org).grants().list(role.id())).isEqualTo(before);
        assertThat(fx.audit(org)).hasSize(events);
    }

    @Test
    void scopeUsedAfterItsWorkReturnedThrowsScopeEndedException() {
        AtomicReference<TenantScope> kept = new AtomicReference<>();
        AtomicReference<RoleStore> keptRoles = new AtomicReference<>();
        db.inTenant(org, Actor.system(), tx -> {
            kept.set(tx);
            keptRoles.set(tx.roles());
            return null;
        });

        assertThatThrownBy(() -> kept.get().roles().create(new NewRole("late", "Late"))).isInstanceOf(ScopeEndedException.class);
        assertThatThrownBy(() -> kept.get().roles().list(PageRequest.first())).isInstanceOf(ScopeEndedException.class);
        assertThatThrownBy(() -> keptRoles.get().create(new NewRole("later", "Later"))).isInstanceOf(ScopeEndedException.class);
        assertThat(db.tenant(org).roles().list(PageRequest.first()).items()).isEmpty();
    }

    @Test
    void scopeOfARolledBackWorkIsInvalidToo() {
        AtomicReference<TenantScope> kept = new AtomicReference<>();
        catchThrowable(() -> db.inTenant(org, Actor.system(), tx -> {
            kept.set(tx);
            throw new Boom();
        }));

        assertThatThrownBy(() -> kept.get().teams().create(new NewTeam("Late"))).isInstanceOf(ScopeEndedException.class);
        assertThat(db.tenant(org).teams().findByName("Late")).isEmpty();
    }

    @Test
    void everyOperationAfterCloseThrowsANonRetryableStorageException() {
        User user = data.member(org);
        db.close();

        List<ThrowingCallable> calls = List.of(
                () -> db.organizations().list(PageRequest.first()),
                () -> db.users().create(new NewUser("late@example.com", "Late")),
                () -> db.catalog().features().list(),
                () -> db.tenant(org).roles().create(new NewRole("late", "Late")),
                () -> db.tenant(org).memberships().find(user.id()),
                () -> db.tenant(org).authz().check(user.id(), feature.id(), "read"),
                () -> db.inTenant(org, Actor.system(), tx -> tx.roles().list(PageRequest.first())));
        for (ThrowingCallable call : calls) {
            assertThatThrownBy(call).isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.retryable()).isFalse());
        }
    }

    @Test
    void closeIsIdempotent() {
        db.close();

        assertThatCode(db::close).doesNotThrowAnyException();
        assertThatThrownBy(() -> db.organizations().find(org)).isInstanceOf(StorageException.class);
    }

    @Test
    void writesInAnOrganizationThatDoesNotExistThrowNotFoundOnTheOrganization() {
        OrgId missing = AccessFixtures.unknownOrg();
        User user = data.user();
        TenantScope t = db.tenant(missing);
        RoleId unknownRole = new RoleId(UUID.fromString("00000000-0000-7000-8000-00000000a001"));
        RoleId otherUnknownRole = new RoleId(UUID.fromString("00000000-0000-7000-8000-00000000a002"));

        List<ThrowingCallable> writes = List.of(
                () -> t.roles().create(new NewRole("role", "Role")),
                () -> t.teams().create(new NewTeam("Team")),
                () -> t.memberships().add(user.id(), OrgRole.MEMBER),
                () -> t.memberships().invite(user.id(), OrgRole.MEMBER),
                () -> t.entitlements().entitle(data.module().id()),
                () -> db.inTenant(missing, Actor.system(), tx -> tx.roles().create(new NewRole("tx-role", "Tx role"))),
                // calls that also name an entity the missing organization cannot have: the organization is reported first
                () -> t.grants().grant(unknownRole, Grant.allow(feature.id(), "read")),
                () -> t.grants().replace(unknownRole, List.of(Grant.allow(feature.id(), "read"))),
                () -> t.grants().revoke(unknownRole, feature.id(), "read"),
                () -> t.assignments().assign(unknownRole, user.id()),
                () -> t.assignments().unassign(unknownRole, Principal.user(user.id())),
                () -> t.roles().include(unknownRole, otherUnknownRole),
                () -> t.memberships().remove(user.id()),
                () -> t.entitlements().setEnabled(data.module().id(), false));
        for (ThrowingCallable write : writes) {
            assertThatThrownBy(write).isInstanceOfSatisfying(NotFoundException.class, e -> {
                assertThat(e.entity()).isEqualTo("organization");
                assertThat(e.id()).isEqualTo(missing.toString());
            });
        }
    }

    @Test
    void readsInAnOrganizationThatDoesNotExistFindNothing() {
        OrgId missing = AccessFixtures.unknownOrg();
        User user = data.user();
        TenantScope t = db.tenant(missing);
        RoleId unknownRole = new RoleId(UUID.fromString("00000000-0000-7000-8000-00000000a001"));
        RoleId otherUnknownRole = new RoleId(UUID.fromString("00000000-0000-7000-8000-00000000a002"));

        assertThat(t.roles().list(PageRequest.first()).items()).isEmpty();
        assertThat(t.roles().findByCode("anything")).isEmpty();
        assertThat(t.teams().list(PageRequest.first()).items()).isEmpty();
        assertThat(t.memberships().list(PageRequest.first()).items()).isEmpty();
        assertThat(t.memberships().find(user.id())).isEmpty();
        assertThat(t.assignments().listFor(Principal.user(user.id()))).isEmpty();
        assertThat(t.teams().teamsOf(user.id())).isEmpty();
        assertThat(t.entitlements().list()).isEmpty();
        assertThat(t.audit().list(PageRequest.first()).items()).isEmpty();
        assertThat(t.authz().check(user.id(), feature.id(), "read")).isFalse();
        assertThat(t.authz().effectivePermissions(user.id())).isEmpty();
    }

    @Test
    void writesInASoftDeletedOrganizationAreAllowedButItsChecksAreFalse() {
        User user = data.member(org);
        db.organizations().delete(org);

        Role role = db.tenant(org).roles().create(new NewRole("cleanup", "Cleanup"));
        db.tenant(org).grants().grant(role.id(), Grant.allow(feature, "read"));
        db.tenant(org).assignments().assign(role.id(), user.id());

        assertThat(db.tenant(org).roles().find(role.id())).contains(role);
        assertThat(db.tenant(org).authz().check(user.id(), feature.id(), "read")).isFalse();
    }

    @Test
    void checksInsideATransactionSeeItsOwnUncommittedChanges() {
        User user = data.member(org);
        boolean[] seen = new boolean[2];

        assertThatThrownBy(() -> db.inTenant(org, Actor.system(), tx -> {
            seen[0] = tx.authz().check(user.id(), feature.id(), "read");
            Role role = tx.roles().create(new NewRole("reader", "Reader"));
            tx.grants().grant(role.id(), Grant.allow(feature.id(), "read"));
            tx.assignments().assign(role.id(), user.id());
            seen[1] = tx.authz().check(user.id(), feature.id(), "read");
            throw new Boom();
        })).isInstanceOf(Boom.class);

        assertThat(seen).containsExactly(false, true);
        assertThat(db.tenant(org).authz().check(user.id(), feature.id(), "read")).isFalse();
    }

    @Test
    void aCallThatFailsInsideATransactionIsUndoneAloneAndTheWorkMayGoOn() {
        Role kept = db.inTenant(org, Actor.system(), tx -> {
            Role first = tx.roles().create(new NewRole("clerk", "Clerk"));
            assertThatThrownBy(() -> tx.roles().create(new NewRole("clerk", "Second clerk")))
                    .isInstanceOf(dev.iamkit.error.AlreadyExistsException.class);
            assertThatThrownBy(() -> tx.grants().replace(first.id(), List.of(
                    Grant.allow(feature.id(), "read"), Grant.allow(feature.id(), "no-such-action"))))
                    .isInstanceOf(ValidationException.class);
            tx.grants().grant(first.id(), Grant.allow(feature.id(), "write"));
            return first;
        });

        assertThat(db.tenant(org).roles().list(PageRequest.first()).items()).containsExactly(db.tenant(org).roles().find(kept.id()).orElseThrow());
        assertThat(db.tenant(org).grants().list(kept.id())).extracting(FeatureGrant::action).containsExactly("write");
        assertThat(db.tenant(org).audit().list(PageRequest.first()).items()).extracting(AuditEvent::action)
                .containsExactly("entitlement.set", "role.create", "grant.set");
    }
}
