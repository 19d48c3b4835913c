package dev.iamkit.authz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.model.Assignment;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Principal;
import dev.iamkit.model.RoleId;
import dev.iamkit.model.TeamId;
import dev.iamkit.model.UserId;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ImpactTest {
    private static final UUID ID = UUID.fromString("0190f3a2-7c4e-7b1a-9d2e-3f4a5b6c7d8e");

    @Test
    void everyReachSurvivesItsTextForm() {
        for (Impact i : new Impact[] {Impact.everything(), Impact.nothing(), Impact.user(new UserId(ID)), Impact.team(new TeamId(ID)),
                Impact.role(new RoleId(ID))}) {
            assertThat(Impact.decode(i.encode())).isEqualTo(i);
        }
        assertThat(Impact.user(new UserId(ID)).encode()).isEqualTo("u:" + ID);
    }

    /** A role's change and one of unknown reach may alter what members share; one user's, one team's or nothing does not. */
    @Test
    void whatMembersShareIsReachedByARoleOrEverything() {
        assertThat(Impact.role(new RoleId(ID)).sharedByMembers()).isTrue();
        assertThat(Impact.everything().sharedByMembers()).isTrue();
        assertThat(Impact.user(new UserId(ID)).sharedByMembers()).isFalse();
        assertThat(Impact.team(new TeamId(ID)).sharedByMembers()).isFalse();
        assertThat(Impact.nothing().sharedByMembers()).isFalse();
    }

    @Test
    void anythingUnreadableIsEverything() {
        for (String text : new String[] {null, "", "*", "x:" + ID, "u:" + ID + "0", "u:not-a-uuid-at-all-but-thirty-six-ch", "u;" + ID, "garbage"}) {
            assertThat(Impact.decode(text)).as(String.valueOf(text)).isEqualTo(Impact.everything());
        }
    }

    @Test
    void aPrincipalsReachIsTheUserOrTheTeam() {
        assertThat(Impact.of(Principal.user(new UserId(ID)))).isEqualTo(Impact.user(new UserId(ID)));
        assertThat(Impact.of(Principal.team(new TeamId(ID)))).isEqualTo(Impact.team(new TeamId(ID)));
    }

    @Test
    void whatEachReachTouches() {
        UUID other = UUID.randomUUID();
        assertThat(Impact.user(new UserId(ID)).touches(ID, Set.of(), Set.of())).isTrue();
        assertThat(Impact.user(new UserId(ID)).touches(other, null, null)).isFalse();
        assertThat(Impact.team(new TeamId(ID)).touches(other, Set.of(ID), Set.of())).isTrue();
        assertThat(Impact.team(new TeamId(ID)).touches(ID, Set.of(other), Set.of(ID))).isFalse();
        assertThat(Impact.team(new TeamId(ID)).touches(other, null, Set.of())).isTrue();
        assertThat(Impact.role(new RoleId(ID)).touches(other, Set.of(), Set.of(ID))).isTrue();
        assertThat(Impact.role(new RoleId(ID)).touches(ID, Set.of(ID), Set.of(other))).isFalse();
        assertThat(Impact.role(new RoleId(ID)).touches(other, Set.of(), null)).isTrue();
        assertThat(Impact.nothing().touches(ID, null, null)).isFalse();
        assertThat(Impact.everything().touches(ID, Set.of(), Set.of())).isTrue();
    }

    @Test
    void aReassignmentAsItWasAltersNothingAndAnyOtherAssignmentItsPrincipal() {
        OrgId org = new OrgId(UUID.randomUUID());
        RoleId role = new RoleId(UUID.randomUUID());
        UserId user = new UserId(UUID.randomUUID());
        Instant at = Instant.parse("2026-12-06T10:00:00Z");
        Optional<Instant> none = Optional.empty();
        Optional<Instant> later = Optional.of(at.plusSeconds(7200));
        Optional<Instant> sooner = Optional.of(at.plusSeconds(3600));
        var held = new Assignment(org, role, Principal.user(user), "alice", at, none);
        var again = new Assignment(org, role, Principal.user(user), "bob", at.plusSeconds(60), none);
        assertThat(Impact.ofAssignment(held, again)).as("the grantor and time changed only").isEqualTo(Impact.nothing());
        assertThat(Impact.ofAssignment(null, again)).isEqualTo(Impact.user(user));
        var expiring = new Assignment(org, role, Principal.user(user), "bob", at, later);
        assertThat(Impact.ofAssignment(held, expiring)).as("an expiry added").isEqualTo(Impact.user(user));
        assertThat(Impact.ofAssignment(expiring, held)).as("an expiry removed").isEqualTo(Impact.user(user));
        var earlier = new Assignment(org, role, Principal.user(user), "bob", at, sooner);
        assertThat(Impact.ofAssignment(expiring, earlier)).as("an expiry moved earlier").isEqualTo(Impact.user(user));
        assertThat(Impact.ofAssignment(expiring, expiring)).isEqualTo(Impact.nothing());
        TeamId team = new TeamId(UUID.randomUUID());
        var toTeam = new Assignment(org, role, Principal.team(team), "bob", at, none);
        assertThat(Impact.ofAssignment(held, toTeam)).as("another principal").isEqualTo(Impact.team(team));
    }
}
