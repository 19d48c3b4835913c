package dev.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.authz.Decision;
import dev.iamkit.authz.Decision.Reason;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.Actor;
import dev.iamkit.model.AuditEvent;
import dev.iamkit.model.Feature;
import dev.iamkit.model.Grant;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Permission;
import dev.iamkit.model.Role;
import dev.iamkit.model.Team;
import dev.iamkit.model.User;
import dev.iamkit.model.ViewAccess;
import dev.iamkit.model.View;
import dev.iamkit.store.RoleStore;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A role may include other roles of its organization: their grants (ALLOW and DENY) reach whoever
 * holds the including role, transitively, by the same route (direct or team). No role may
 * include itself, directly or through others.
 */
public abstract class RoleInheritanceContract extends ContractBase {
    private OrgId org;
    private Feature invoices;
    private User user;

    @BeforeEach
    void scenario() {
        org = data.org().id();
        invoices = data.entitledFeature(org, "read", "approve", "delete");
        user = data.member(org);
    }

    private RoleStore roles() {
        return db.tenant(org).roles();
    }

    private boolean can(String action) {
        return db.tenant(org).authz().check(user.id(), invoices.id(), action);
    }

    private void assign(Role role) {
        db.tenant(org).assignments().assign(role.id(), user.id());
    }

    @Test
    void grantsOfAnIncludedRoleReachTheHolderOfTheIncludingRole() {
        Role reader = data.role(org, Grant.allow(invoices, "read"));
        Role clerk = data.role(org);
        assign(clerk);
        assertThat(can("read")).isFalse();

        assertThat(roles().include(clerk.id(), reader.id())).isTrue();

        assertThat(can("read")).isTrue();
        assertThat(can("approve")).isFalse();
    }

    @Test
    void inclusionIsTransitive() {
        Role reader = data.role(org, Grant.allow(invoices, "read"));
        Role approver = data.role(org, Grant.allow(invoices, "approve"));
        Role manager = data.role(org);
        roles().include(approver.id(), reader.id());
        roles().include(manager.id(), approver.id());
        assign(manager);

        assertThat(can("read")).isTrue();
        assertThat(can("approve")).isTrue();
        assertThat(db.tenant(org).authz().effectivePermissions(user.id()))
                .containsExactly(Permission.of(invoices.id(), "approve"), Permission.of(invoices.id(), "read"));
    }

    @Test
    void aDenyInAnIncludedRoleStillWins() {
        Role noDelete = data.role(org, Grant.deny(invoices, "delete"));
        Role admin = data.role(org, Grant.allow(invoices, "delete"), Grant.allow(invoices, "read"));
        roles().include(admin.id(), noDelete.id());
        assign(admin);

        Decision d = db.tenant(org).authz().explain(user.id(), invoices.id(), "delete");
        assertThat(d.reason()).isEqualTo(Reason.DENIED);
        assertThat(d.roleId()).contains(noDelete.id());
        assertThat(can("read")).isTrue();
    }

    @Test
    void explainReportsTheIncludedRoleThatHoldsTheGrantAndTheTeamRoute() {
        Role reader = data.role(org, Grant.allow(invoices, "read"));
        Role clerk = data.role(org);
        roles().include(clerk.id(), reader.id());
        Team team = data.team(org);
        db.tenant(org).teams().addMember(team.id(), user.id());
        db.tenant(org).assignments().assign(clerk.id(), team.id());

        Decision d = db.tenant(org).authz().explain(user.id(), invoices.id(), "read");
        assertThat(d.allowed()).isTrue();
        assertThat(d.roleId()).contains(reader.id());
        assertThat(d.viaTeam()).contains(team.id());
    }

    @Test
    void aRoleReachedByTwoPathsCountsOnce() {
        Role base = data.role(org, Grant.allow(invoices, "read"));
        Role left = data.role(org);
        Role right = data.role(org);
        Role top = data.role(org);
        roles().include(left.id(), base.id());
        roles().include(right.id(), base.id());
        roles().include(top.id(), left.id());
        roles().include(top.id(), right.id());
        assign(top);

        assertThat(can("read")).isTrue();
        assertThat(db.tenant(org).authz().explain(user.id(), invoices.id(), "read").roleId()).contains(base.id());
    }

    @Test
    void includedViewGrantsReachTheHolderToo() {
        View screen = data.entitledView(org);
        Role viewer = data.role(org);
        db.tenant(org).grants().grantView(viewer.id(), ViewAccess.allow(screen.id()));
        Role clerk = data.role(org);
        roles().include(clerk.id(), viewer.id());
        assign(clerk);

        assertThat(db.tenant(org).authz().canAccessView(user.id(), screen.id())).isTrue();
        assertThat(db.tenant(org).authz().accessibleViews(user.id())).containsExactly(screen.id());
    }

    @Test
    void aRoleCannotIncludeItself() {
        Role r = data.role(org);
        assertThatThrownBy(() -> roles().include(r.id(), r.id()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("includedRoleId"));
        assertThat(roles().includes(r.id())).isEmpty();
    }

    @Test
    void cyclesThroughOtherRolesAreRejectedAndNothingIsWritten() {
        Role a = data.role(org);
        Role b = data.role(org);
        Role c = data.role(org);
        roles().include(a.id(), b.id());
        roles().include(b.id(), c.id());
        int events = db.tenant(org).audit().list(PageRequest.first(1000)).items().size();

        assertThatThrownBy(() -> roles().include(c.id(), a.id()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("includedRoleId"));
        assertThatThrownBy(() -> roles().include(b.id(), a.id()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("includedRoleId"));
        assertThat(roles().includes(c.id())).isEmpty();
        assertThat(roles().includes(b.id())).containsExactly(roles().find(c.id()).orElseThrow());
        assertThat(db.tenant(org).audit().list(PageRequest.first(1000)).items()).hasSize(events);
    }

    @Test
    void includeAndExcludeSayWhetherTheyChangedAnything() {
        Role a = data.role(org);
        Role b = data.role(org);
        assertThat(roles().include(a.id(), b.id())).isTrue();
        assertThat(roles().include(a.id(), b.id())).isFalse();
        assertThat(roles().exclude(a.id(), b.id())).isTrue();
        assertThat(roles().exclude(a.id(), b.id())).isFalse();
        assertThat(roles().includes(a.id())).isEmpty();
    }

    @Test
    void excludingStopsTheInheritance() {
        Role reader = data.role(org, Grant.allow(invoices, "read"));
        Role clerk = data.role(org);
        roles().include(clerk.id(), reader.id());
        assign(clerk);
        assertThat(can("read")).isTrue();

        roles().exclude(clerk.id(), reader.id());

        assertThat(can("read")).isFalse();
    }

    @Test
    void includesListsDirectInclusionsInIdOrder() {
        Role top = data.role(org);
        Role first = data.role(org);
        Role second = data.role(org);
        Role deeper = data.role(org);
        roles().include(top.id(), second.id());
        roles().include(top.id(), first.id());
        roles().include(first.id(), deeper.id());

        assertThat(roles().includes(top.id())).containsExactly(first, second);
    }

    @Test
    void deletingARoleRemovesItsInclusionsBothWays() {
        Role reader = data.role(org, Grant.allow(invoices, "read"));
        Role middle = data.role(org);
        Role top = data.role(org);
        roles().include(middle.id(), reader.id());
        roles().include(top.id(), middle.id());
        assign(top);
        assertThat(can("read")).isTrue();

        roles().delete(middle.id());

        assertThat(roles().includes(top.id())).isEmpty();
        assertThat(can("read")).isFalse();
        assertThat(roles().include(top.id(), reader.id())).isTrue();
        assertThat(can("read")).isTrue();
    }

    @Test
    void unknownRolesAndRolesOfAnotherOrganizationAreNotFound() {
        Role mine = data.role(org);
        OrgId other = data.org().id();
        Role theirs = data.role(other);

        assertThatThrownBy(() -> roles().include(mine.id(), theirs.id()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.entity()).isEqualTo("role"));
        assertThatThrownBy(() -> roles().include(theirs.id(), mine.id()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.entity()).isEqualTo("role"));
        assertThatThrownBy(() -> roles().includes(theirs.id()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.entity()).isEqualTo("role"));
        assertThatThrownBy(() -> roles().exclude(theirs.id(), mine.id()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.entity()).isEqualTo("role"));
    }

    @Test
    void includeAndExcludeAreAuditedOnceAndNoOpsNotAtAll() {
        Role a = data.role(org);
        Role b = data.role(org);
        Actor actor = Actor.user(user.id());
        db.tenant(org, actor).roles().include(a.id(), b.id());
        db.tenant(org, actor).roles().include(a.id(), b.id());
        db.tenant(org, actor).roles().exclude(a.id(), b.id());
        db.tenant(org, actor).roles().exclude(a.id(), b.id());

        List<AuditEvent> events = db.tenant(org).audit().list(PageRequest.first(1000)).items();
        List<AuditEvent> mine = events.stream().filter(e -> e.action().startsWith("role.in") || e.action().startsWith("role.ex")).toList();
        String pair = "{\"roleId\":\"" + a.id() + "\",\"includedRoleId\":\"" + b.id() + "\"}";
        assertThat(mine).extracting(AuditEvent::action).containsExactly("role.include", "role.exclude");
        assertThat(mine).extracting(AuditEvent::targetId).containsOnly(a.id().toString());
        assertThat(mine.get(0).after()).contains(pair);
        assertThat(mine.get(0).before()).isEqualTo(Optional.empty());
        assertThat(mine.get(1).before()).contains(pair);
        assertThat(mine).extracting(AuditEvent::actor).containsOnly(actor.label());
    }

    @Test
    void aFailedIncludeInsideATransactionIsUndoneAlone() {
        Role reader = data.role(org, Grant.allow(invoices, "read"));
        Role clerk = data.role(org);
        assign(clerk);
        db.inTenant(org, Actor.system(), tx -> {
            tx.roles().include(clerk.id(), reader.id());
            assertThatThrownBy(() -> tx.roles().include(reader.id(), clerk.id())).isInstanceOf(ValidationException.class);
            assertThat(tx.authz().check(user.id(), invoices.id(), "read")).isTrue();
            return null;
        });
        assertThat(can("read")).isTrue();
        assertThat(roles().includes(reader.id())).isEmpty();
    }

    @Test
    void concurrentIncludesCannotCloseACycleTogether() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                Role a = data.role(org);
                Role b = data.role(org);
                Role c = data.role(org);
                Role d = data.role(org);
                roles().include(a.id(), b.id());
                roles().include(c.id(), d.id());
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                java.util.concurrent.Callable<Boolean> bc = () -> {
                    go.await();
                    return roles().include(b.id(), c.id());
                };
                java.util.concurrent.Callable<Boolean> da = () -> {
                    go.await();
                    return roles().include(d.id(), a.id());
                };
                var first = pool.submit(bc);
                var second = pool.submit(da);
                go.countDown();
                int succeeded = 0;
                int refused = 0;
                for (var f : List.of(first, second)) {
                    try {
                        f.get(30, java.util.concurrent.TimeUnit.SECONDS);
                        succeeded++;
                    } catch (java.util.concurrent.ExecutionException e) {
                        assertThat(e.getCause()).isInstanceOfSatisfying(ValidationException.class,
                                v -> assertThat(v.field()).isEqualTo("includedRoleId"));
                        refused++;
                    }
                }
                assertThat(succeeded).as("round %d", round).isEqualTo(1);
                assertThat(refused).as("round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
