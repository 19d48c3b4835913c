package dev.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.authz.Authz;
import dev.iamkit.model.Feature;
import dev.iamkit.model.Grant;
import dev.iamkit.model.Module;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.OrgStatus;
import dev.iamkit.model.Principal;
import dev.iamkit.model.Role;
import dev.iamkit.model.Team;
import dev.iamkit.model.User;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What one member's cache miss leaves for the next member's never answers for an organization that
 * has changed since. A store may keep, from a compile, what every member of the organization
 * shares (the organization's status, its entitlements, the grants of its roles) and use it for the
 * next member's compile only while none of that has changed. Each test compiles the first
 * member's access, changes one shared thing, and asks about a member whose access was never
 * compiled before the change: a store that used what the first compile left would answer as before
 * the change.
 */
public abstract class SharedCompileContract extends ContractBase {
    private OrgId org;
    private Module module;
    private Feature invoices;
    private Role clerk;
    private User first;
    private User second;
    private User third;

    @BeforeEach
    void members() {
        org = data.org().id();
        module = data.module();
        invoices = data.feature("read", "approve");
        db.catalog().linkFeature(module.id(), invoices.id());
        db.tenant(org).entitlements().entitle(module.id());
        clerk = data.role(org, Grant.allow(invoices, "read"), Grant.allow(invoices, "approve"));
        first = data.member(org);
        second = data.member(org);
        third = data.member(org);
        for (User u : List.of(first, second, third)) {
            db.tenant(org).assignments().assign(clerk.id(), u.id());
        }
    }

    private Authz cached() {
        return db.tenant(org).authz();
    }

    private boolean can(User u, String action) {
        return cached().check(u.id(), invoices.id(), action);
    }

    /** The first member's access compiled: what a store shares between compiles is made now. */
    private void firstCompiled() {
        assertThat(can(first, "approve")).as("the first member, before the change").isTrue();
    }

    @Test
    void aRolesGrantsChangedAfterAnotherMembersCompileAreWhatTheNextMemberGets() {
        firstCompiled();
        db.tenant(org).grants().revoke(clerk.id(), invoices.id(), "approve");
        assertThat(can(second, "approve")).as("revoked").isFalse();
        assertThat(can(second, "read")).isTrue();
        db.tenant(org).grants().grant(clerk.id(), Grant.deny(invoices, "read"));
        assertThat(can(third, "read")).as("denied").isFalse();
        assertThat(can(first, "read")).as("denied, the first member again").isFalse();
    }

    @Test
    void aRoleIncludedOrDeletedAfterAnotherMembersCompileIsWhatTheNextMemberGets() {
        Feature reports = data.feature("export");
        db.catalog().linkFeature(module.id(), reports.id());
        Role exporter = data.role(org, Grant.allow(reports, "export"));
        firstCompiled();
        db.tenant(org).roles().include(clerk.id(), exporter.id());
        assertThat(cached().check(second.id(), reports.id(), "export")).as("through the included role").isTrue();
        db.tenant(org).roles().delete(clerk.id());
        assertThat(can(third, "read")).as("the role deleted").isFalse();
        assertThat(cached().check(third.id(), reports.id(), "export")).as("the role deleted, with its inclusion").isFalse();
    }

    @Test
    void theOrganizationSuspendedAfterAMembersCompileShutsTheNextMemberOut() {
        firstCompiled();
        db.organizations().update(db.organizations().find(org).orElseThrow().withStatus(OrgStatus.SUSPENDED));
        assertThat(can(second, "read")).as("suspended").isFalse();
        db.organizations().update(db.organizations().find(org).orElseThrow().withStatus(OrgStatus.ACTIVE));
        assertThat(can(third, "read")).as("active again").isTrue();
    }

    @Test
    void anEntitlementChangedOrExpiredAfterAMembersCompileIsWhatTheNextMemberGets() {
        firstCompiled();
        db.tenant(org).entitlements().setEnabled(module.id(), false);
        assertThat(can(second, "read")).as("entitlement disabled").isFalse();
        db.tenant(org).entitlements().entitle(module.id(), Optional.of(clock.instant().plus(Duration.ofMinutes(10))));
        assertThat(can(second, "read")).as("entitled again, until an expiry").isTrue();
        clock.advance(Duration.ofMinutes(11));
        assertThat(can(third, "read")).as("the entitlement expired, nothing written").isFalse();
        assertThat(can(second, "read")).as("expired, the member compiled before").isFalse();
    }

    /** A grant the catalog's change removed stays removed when the action comes back (the cascade is not undone). */
    @Test
    void anActionRemovedFromTheCatalogAndAddedAgainAfterAMembersCompileGrantsNothing() {
        firstCompiled();
        Feature read = db.catalog().features().update(db.catalog().features().find(invoices.id()).orElseThrow().withActions(List.of("read")));
        db.catalog().features().update(read.withActions(List.of("read", "approve")));
        assertThat(can(second, "approve")).as("the action back, its grant not").isFalse();
        assertThat(can(first, "approve")).as("the first member again").isFalse();
        assertThat(can(third, "read")).isTrue();
    }

    /** The other way: one member's or one team's change leaves what members share, and each member gets exactly theirs. */
    @Test
    void oneMembersOrOneTeamsChangesReachThemAndNoOneElse() {
        Feature reports = data.feature("export", "delete");
        db.catalog().linkFeature(module.id(), reports.id());
        Role exporter = data.role(org, Grant.allow(reports, "export"));
        Role deleter = data.role(org, Grant.allow(reports, "delete"));
        firstCompiled();
        assertThat(can(second, "approve")).isTrue();
        db.tenant(org).assignments().assign(exporter.id(), second.id());
        Team team = data.team(org);
        db.tenant(org).teams().addMember(team.id(), third.id());
        db.tenant(org).assignments().assign(deleter.id(), Principal.team(team.id()), Optional.empty());
        assertThat(cached().check(second.id(), reports.id(), "export")).as("the second member's new role").isTrue();
        assertThat(cached().check(second.id(), reports.id(), "delete")).isFalse();
        assertThat(cached().check(third.id(), reports.id(), "delete")).as("through the third member's team").isTrue();
        assertThat(cached().check(third.id(), reports.id(), "export")).isFalse();
        assertThat(cached().check(first.id(), reports.id(), "export")).isFalse();
        assertThat(cached().check(first.id(), reports.id(), "delete")).isFalse();
        db.tenant(org).memberships().find(second.id()).ifPresent(m -> db.tenant(org).memberships()
                .update(m.withStatus(dev.iamkit.model.MembershipStatus.SUSPENDED)));
        assertThat(can(second, "read")).as("the second member's membership suspended").isFalse();
        assertThat(can(third, "read")).isTrue();
        db.tenant(org).assignments().unassign(clerk.id(), Principal.user(third.id()));
        assertThat(can(third, "read")).as("the third member's role taken away").isFalse();
        assertThat(cached().check(third.id(), reports.id(), "delete")).as("the team's role stays").isTrue();
        assertThat(can(first, "read")).isTrue();
    }
}
