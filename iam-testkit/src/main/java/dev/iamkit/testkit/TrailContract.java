package dev.iamkit.testkit;

import static dev.iamkit.testkit.TenantFixtures.assertNotFound;
import static dev.iamkit.testkit.TenantFixtures.assertValidation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.TenantScope;
import dev.iamkit.model.Actor;
import dev.iamkit.model.MembershipStatus;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.OrgRole;
import dev.iamkit.model.TrailEntry;
import dev.iamkit.model.User;
import dev.iamkit.model.View;
import dev.iamkit.model.ViewId;
import dev.iamkit.store.Trail;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code trail()}: breadcrumbs per member and organization, newest first, one entry per view,
 * capped at {@link Trail#CAPACITY}; not access data, so no audit event and no new revision.
 */
public abstract class TrailContract extends ContractBase {
    private OrgId org;
    private User user;
    private View a;
    private View b;
    private View c;

    @BeforeEach
    void scenario() {
        org = data.org().id();
        user = data.member(org);
        a = data.view();
        b = data.view();
        c = data.view();
    }

    private Trail trail() {
        return db.tenant(org).trail();
    }

    private List<ViewId> recent() {
        return trail().recent(user.id(), 1000).stream().map(TrailEntry::viewId).toList();
    }

    @Test
    void aVisitIsRecordedAtTheClocksNowAndTheTrailIsNewestFirst() {
        Instant first = clock.instant();
        TrailEntry entry = trail().record(user.id(), a.id());
        clock.advance(Duration.ofSeconds(1));
        trail().record(user.id(), b.id());
        clock.advance(Duration.ofSeconds(1));
        trail().record(user.id(), c.id());

        assertThat(entry).isEqualTo(new TrailEntry(org, user.id(), a.id(), first));
        assertThat(trail().recent(user.id(), 10)).containsExactly(
                new TrailEntry(org, user.id(), c.id(), first.plusSeconds(2)),
                new TrailEntry(org, user.id(), b.id(), first.plusSeconds(1)),
                entry);
        assertThat(trail().recent(user.id(), 2)).extracting(TrailEntry::viewId).containsExactly(c.id(), b.id());
    }

    @Test
    void visitsAtTheSameInstantStayInTheOrderTheyWereRecorded() {
        trail().record(user.id(), c.id());
        trail().record(user.id(), a.id());
        trail().record(user.id(), b.id());

        assertThat(recent()).containsExactly(b.id(), a.id(), c.id());
    }

    @Test
    void visitingAViewAgainMovesItToTheFrontWithoutADuplicate() {
        trail().record(user.id(), a.id());
        trail().record(user.id(), b.id());
        trail().record(user.id(), c.id());
        clock.advance(Duration.ofMinutes(3));

        TrailEntry again = trail().record(user.id(), a.id());

        assertThat(recent()).containsExactly(a.id(), c.id(), b.id());
        assertThat(trail().recent(user.id(), 1)).containsExactly(again);
        assertThat(again.visitedAt()).isEqualTo(clock.instant());
    }

    @Test
    void theTrailKeepsTheNewestCapacityEntries() {
        List<ViewId> visited = new ArrayList<>();
        for (int i = 0; i < Trail.CAPACITY + 5; i++) {
            ViewId v = i < 3 ? List.of(a, b, c).get(i).id() : data.view().id();
            trail().record(user.id(), v);
            visited.add(0, v);
        }

        assertThat(recent()).hasSize(Trail.CAPACITY).containsExactlyElementsOf(visited.subList(0, Trail.CAPACITY));
        // a visit of a dropped view comes back at the front, and the oldest kept one goes
        trail().record(user.id(), a.id());
        List<ViewId> expected = new ArrayList<>(visited.subList(0, Trail.CAPACITY - 1));
        expected.add(0, a.id());
        assertThat(recent()).containsExactlyElementsOf(expected);
        // a revisit of a kept view drops nothing
        trail().record(user.id(), expected.get(5));
        assertThat(recent()).hasSize(Trail.CAPACITY).contains(expected.get(Trail.CAPACITY - 1));
    }

    @Test
    void aVisitIsNotAccessDataItWritesNoAuditEventAndMovesNoRevision() {
        long revision = db.tenant(org).revision().value();
        int events = TenantFixtures.auditOf(db, org).size();
        TenantScope scope = db.tenant(org);

        scope.trail().record(user.id(), a.id());
        scope.trail().record(user.id(), a.id());
        db.inTenant(org, Actor.system(), tx -> {
            tx.trail().record(user.id(), b.id());
            assertThat(tx.revision().value()).isEqualTo(revision);
            assertThat(tx.lastWriteRevision()).isEmpty();
            return null;
        });

        assertThat(db.tenant(org).revision().value()).isEqualTo(revision);
        assertThat(scope.lastWriteRevision()).isEmpty();
        assertThat(TenantFixtures.auditOf(db, org)).hasSize(events);
        assertThat(recent()).containsExactly(b.id(), a.id());
    }

    @Test
    void trailsAreKeptPerUserAndPerOrganization() {
        OrgId other = data.org().id();
        db.tenant(other).memberships().add(user.id(), OrgRole.MEMBER);
        User colleague = data.member(org);

        trail().record(user.id(), a.id());
        db.tenant(other).trail().record(user.id(), b.id());
        trail().record(colleague.id(), c.id());

        assertThat(recent()).containsExactly(a.id());
        assertThat(db.tenant(other).trail().recent(user.id(), 10)).extracting(TrailEntry::viewId).containsExactly(b.id());
        assertThat(trail().recent(colleague.id(), 10)).extracting(TrailEntry::viewId).containsExactly(c.id());
        assertThat(db.tenant(other).trail().recent(colleague.id(), 10)).isEmpty();
    }

    @Test
    void removingTheMembershipRemovesTheUsersTrailThere() {
        trail().record(user.id(), a.id());
        trail().record(user.id(), b.id());

        db.tenant(org).memberships().remove(user.id());
        db.tenant(org).memberships().add(user.id(), OrgRole.MEMBER);

        assertThat(recent()).isEmpty();
    }

    @Test
    void deletingAViewRemovesItsEntries() {
        trail().record(user.id(), a.id());
        trail().record(user.id(), b.id());

        db.catalog().views().delete(a.id());

        assertThat(recent()).containsExactly(b.id());
    }

    @Test
    void anyMembershipMayRecordButANonMemberAnUnknownViewOrOrganizationIsNotFound() {
        User invitee = data.user();
        db.tenant(org).memberships().invite(invitee.id(), OrgRole.MEMBER);
        new AccessFixtures(db, data).setStatus(org, user, MembershipStatus.SUSPENDED);
        trail().record(invitee.id(), a.id());
        trail().record(user.id(), a.id());

        User stranger = data.user();
        ViewId missing = GlobalFixtures.unknownView();
        OrgId nowhere = GlobalFixtures.unknownOrg();
        assertNotFound(() -> trail().record(stranger.id(), a.id()), "membership", stranger.id());
        assertNotFound(() -> trail().record(user.id(), missing), "view", missing);
        assertNotFound(() -> trail().record(stranger.id(), missing), "membership", stranger.id());
        assertNotFound(() -> db.tenant(nowhere).trail().record(user.id(), a.id()), "organization", nowhere);

        assertThat(recent()).containsExactly(a.id());
        assertThat(trail().recent(stranger.id(), 10)).isEmpty();
        assertThat(trail().recent(GlobalFixtures.unknownUser(), 10)).isEmpty();
        assertThat(db.tenant(nowhere).trail().recent(user.id(), 10)).isEmpty();
    }

    @Test
    void theLimitIsValidatedNamingIt() {
        assertValidation(() -> trail().recent(user.id(), 0), "limit");
        assertValidation(() -> trail().recent(user.id(), 1001), "limit");
        assertValidation(() -> trail().record(null, a.id()), "user");
    }

    @Test
    void insideInTenantVisitsAreSeenAtOnceAndRolledBackWithTheWork() {
        trail().record(user.id(), a.id());

        assertThatThrownBy(() -> db.inTenant(org, Actor.system(), tx -> {
            tx.trail().record(user.id(), b.id());
            assertThat(tx.trail().recent(user.id(), 10)).extracting(TrailEntry::viewId).containsExactly(b.id(), a.id());
            throw new TenantFixtures.Abort();
        })).isInstanceOf(TenantFixtures.Abort.class);

        assertThat(recent()).containsExactly(a.id());
    }

    @Test
    void aFailedVisitInsideInTenantIsUndoneByItselfAndTheWorkGoesOn() {
        ViewId missing = GlobalFixtures.unknownView();
        db.inTenant(org, Actor.system(), tx -> {
            assertThatThrownBy(() -> tx.trail().record(user.id(), missing)).isInstanceOf(dev.iamkit.error.NotFoundException.class);
            tx.trail().record(user.id(), c.id());
            return null;
        });

        assertThat(recent()).containsExactly(c.id());
    }
}
