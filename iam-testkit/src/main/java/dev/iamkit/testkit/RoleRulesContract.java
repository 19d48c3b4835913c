package dev.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.authz.Authz;
import dev.iamkit.model.Feature;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.Grant;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.OrgRole;
import dev.iamkit.model.Permission;
import dev.iamkit.model.Principal;
import dev.iamkit.model.Role;
import dev.iamkit.model.Team;
import dev.iamkit.model.User;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rules 4 and 5 of {@code authz().check} (some unexpired role, direct or through a team, allows;
 * no such role denies; DENY wins) and {@code checkAll}. Rules 1 to 3 always hold here: the
 * organization is entitled to a module with {@code feature} (actions read, write).
 */
public abstract class RoleRulesContract extends ContractBase {
    private AccessFixtures fx;
    private OrgId org;
    private Feature feature;
    private User user;

    @BeforeEach
    void scenario() {
        fx = new AccessFixtures(db, data);
        org = data.org().id();
        feature = data.feature("read", "write");
        fx.entitledModule(org, feature);
        user = data.member(org);
    }

    private boolean can(String action) {
        return db.tenant(org).authz().check(user.id(), feature.id(), action);
    }

    private Instant inOneHour() {
        return clock.instant().plus(Duration.ofHours(1));
    }

    // --- rule 4: an allowing role --------------------------------------------------------------

    @Test
    void memberWithoutAnyRoleIsDenied() {
        assertThat(can("read")).isFalse();
    }

    @Test
    void roleAssignedDirectlyAllowsOnlyTheGrantedAction() {
        fx.assign(org, fx.role(org, Grant.allow(feature, "read")), user);

        assertThat(can("read")).isTrue();
        assertThat(can("write")).isFalse();
    }

    @Test
    void roleAssignedToATeamAllowsItsMembers() {
        Team team = fx.team(org, user);
        fx.assign(org, fx.role(org, Grant.allow(feature, "read")), team);

        assertThat(can("read")).isTrue();
    }

    @Test
    void roleAssignedToATeamDoesNotAllowMembersOfTheOrganizationOutsideIt() {
        fx.assign(org, fx.role(org, Grant.allow(feature, "read")), fx.team(org, data.member(org)));

        assertThat(can("read")).isFalse();
    }

    @Test
    void directAssignmentExpiringAtExactlyNowNoLongerAllows() {
        Role role = fx.role(org, Grant.allow(feature, "read"));
        fx.assignUntil(org, role, Principal.user(user.id()), inOneHour());
        clock.advance(Duration.ofMinutes(59));
        assertThat(can("read")).as("before the expiry").isTrue();

        clock.advance(Duration.ofMinutes(1));

        assertThat(can("read")).as("at the expiry").isFalse();
    }

    @Test
    void teamAssignmentExpiringAtExactlyNowNoLongerAllows() {
        Team team = fx.team(org, user);
        fx.assignUntil(org, fx.role(org, Grant.allow(feature, "read")), Principal.team(team.id()), inOneHour());
        clock.advance(Duration.ofMinutes(59));
        assertThat(can("read")).as("before the expiry").isTrue();

        clock.advance(Duration.ofMinutes(1));

        assertThat(can("read")).as("at the expiry").isFalse();
    }

    @Test
    void assigningAgainWithoutExpiryReplacesTheExpiry() {
        Role role = fx.role(org, Grant.allow(feature, "read"));
        fx.assignUntil(org, role, Principal.user(user.id()), inOneHour());
        fx.assign(org, role, user);

        clock.advance(Duration.ofDays(2));

        assertThat(can("read")).isTrue();
    }

    @Test
    void memberRemovedFromTheTeamLosesTheTeamsRoles() {
        Team team = fx.team(org, user);
        fx.assign(org, fx.role(org, Grant.allow(feature, "read")), team);

        db.tenant(org).teams().removeMember(team.id(), user.id());

        assertThat(can("read")).isFalse();
    }

    @Test
    void deletedTeamNoLongerGivesItsRoles() {
        Team team = fx.team(org, user);
        fx.assign(org, fx.role(org, Grant.allow(feature, "read")), team);

        db.tenant(org).teams().delete(team.id());

        assertThat(can("read")).isFalse();
    }

    @Test
    void unassignedRoleNoLongerAllows() {
        Role role = fx.role(org, Grant.allow(feature, "read"));
        fx.assign(org, role, user);

        db.tenant(org).assignments().unassign(role.id(), Principal.user(user.id()));

        assertThat(can("read")).isFalse();
    }

    @Test
    void deletedRoleNoLongerAllows() {
        Role role = fx.role(org, Grant.allow(feature, "read"));
        fx.assign(org, role, user);

        db.tenant(org).roles().delete(role.id());

        assertThat(can("read")).isFalse();
    }

    @Test
    void revokedGrantNoLongerAllows() {
        Role role = fx.role(org, Grant.allow(feature, "read"));
        fx.assign(org, role, user);

        db.tenant(org).grants().revoke(role.id(), feature.id(), "read");

        assertThat(can("read")).isFalse();
    }

    // --- rule 5: DENY wins ---------------------------------------------------------------------

    @Test
    void denyGrantedOverAnAllowInTheSameRoleDenies() {
        Role role = fx.role(org, Grant.allow(feature, "read"));
        fx.assign(org, role, user);

        db.tenant(org).grants().grant(role.id(), Grant.deny(feature, "read"));

        assertThat(can("read")).isFalse();
    }

    @Test
    void denyOfOneActionLeavesTheOtherActionsOfTheSameRoleAllowed() {
        fx.assign(org, fx.role(org, Grant.deny(feature, "read"), Grant.allow(feature, "write")), user);

        assertThat(can("read")).isFalse();
        assertThat(can("write")).isTrue();
    }

    @Test
    void denyInAnotherDirectRoleWinsOverAnAllow() {
        fx.assign(org, fx.role(org, Grant.allow(feature, "read")), user);
        fx.assign(org, fx.role(org, Grant.deny(feature, "read")), user);

        assertThat(can("read")).isFalse();
    }

    @Test
    void denyThroughATeamWinsOverADirectAllow() {
        fx.assign(org, fx.role(org, Grant.allow(feature, "read")), user);
        fx.assign(org, fx.role(org, Grant.deny(feature, "read")), fx.team(org, user));

        assertThat(can("read")).isFalse();
    }

    @Test
    void directDenyWinsOverAnAllowThroughATeam() {
        fx.assign(org, fx.role(org, Grant.allow(feature, "read")), fx.team(org, user));
        fx.assign(org, fx.role(org, Grant.deny(feature, "read")), user);

        assertThat(can("read")).isFalse();
    }

    @Test
    void roleAssignedBothDirectlyAndThroughATeamAllowsOnceAndDeniesOnce() {
        Role role = fx.role(org, Grant.allow(feature, "read"));
        fx.assign(org, role, user);
        fx.assign(org, role, fx.team(org, user));
        assertThat(can("read")).isTrue();

        db.tenant(org).grants().grant(role.id(), Grant.deny(feature, "read"));

        assertThat(can("read")).isFalse();
    }

    @Test
    void denyInARoleWhoseAssignmentExpiredNoLongerApplies() {
        fx.assign(org, fx.role(org, Grant.allow(feature, "read")), user);
        fx.assignUntil(org, fx.role(org, Grant.deny(feature, "read")), Principal.user(user.id()), inOneHour());
        assertThat(can("read")).isFalse();

        clock.advance(Duration.ofHours(1));

        assertThat(can("read")).isTrue();
    }

    @Test
    void denyThroughATeamTheUserLeftNoLongerApplies() {
        fx.assign(org, fx.role(org, Grant.allow(feature, "read")), user);
        Team team = fx.team(org, user);
        fx.assign(org, fx.role(org, Grant.deny(feature, "read")), team);

        db.tenant(org).teams().removeMember(team.id(), user.id());

        assertThat(can("read")).isTrue();
    }

    @Test
    void grantsInAnotherOrganizationAreIrrelevant() {
        fx.assign(org, fx.role(org, Grant.allow(feature, "read")), user);
        OrgId other = data.org().id();
        fx.entitledModule(other, feature);
        db.tenant(other).memberships().add(user.id(), OrgRole.MEMBER);
        fx.assign(other, fx.role(other, Grant.deny(feature, "read"), Grant.allow(feature, "write")), user);

        assertThat(can("read")).as("a DENY in the other organization").isTrue();
        assertThat(can("write")).as("an ALLOW in the other organization").isFalse();
        assertThat(db.tenant(other).authz().check(user.id(), feature.id(), "read")).isFalse();
        assertThat(db.tenant(other).authz().check(user.id(), feature.id(), "write")).isTrue();
    }

    // --- checkAll ------------------------------------------------------------------------------

    @Test
    void checkAllAnswersInInputOrderAndAgreesWithSingleChecks() {
        Feature notEntitled = data.feature("read");
        fx.assign(org, fx.role(org, Grant.allow(feature, "write"), Grant.allow(notEntitled, "read")), user);
        List<Permission> asked = List.of(
                Permission.of(feature.id(), "write"),
                Permission.of(FeatureId.of(UUID.randomUUID()), "read"),
                Permission.of(feature.id(), "read"),
                Permission.of(notEntitled.id(), "read"),
                Permission.of(feature.id(), "delete"));
        Authz authz = db.tenant(org).authz();

        Map<Permission, Boolean> answers = authz.checkAll(user.id(), asked);

        assertThat(new ArrayList<>(answers.keySet())).containsExactlyElementsOf(asked);
        assertThat(answers.values()).containsExactly(true, false, false, false, false);
        for (Permission p : asked) {
            assertThat(answers.get(p)).as("%s", p).isEqualTo(authz.check(user.id(), p.featureId(), p.action()));
        }
    }

    @Test
    void checkAllForAUserBlockedByRuleTwoIsFalseForEveryPermission() {
        User outsider = data.user();
        List<Permission> asked = List.of(Permission.of(feature.id(), "read"), Permission.of(feature.id(), "write"));

        Map<Permission, Boolean> answers = db.tenant(org).authz().checkAll(outsider.id(), asked);

        assertThat(answers).containsExactly(Map.entry(asked.get(0), false), Map.entry(asked.get(1), false));
    }

    @Test
    void checkAllOfNoPermissionsIsEmpty() {
        assertThat(db.tenant(org).authz().checkAll(user.id(), List.of())).isEmpty();
    }
}
