package dev.iamkit.testkit;

import static dev.iamkit.testkit.AuditScenario.IP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.TenantScope;
import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.Actor;
import dev.iamkit.model.AuditEvent;
import dev.iamkit.model.Feature;
import dev.iamkit.model.Grant;
import dev.iamkit.model.Module;
import dev.iamkit.model.NewRole;
import dev.iamkit.model.NewTeam;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.OrgRole;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Role;
import dev.iamkit.model.Team;
import dev.iamkit.model.User;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit trail of an organization as a whole: calls that write nothing append nothing (no-op
 * team member calls, granting the stored effect again, rejected calls, changes to global data);
 * system and service actors are recorded by label without request details; the events of a
 * transaction carry its actor and come in call order; {@code seq} counts from 1 per organization
 * and {@code at} is the clock; and the trail pages in seq order. The event of each call is pinned
 * by {@link AuditContract}.
 */
public abstract class AuditTrailContract extends ContractBase {
    private AuditScenario scenario;
    private AccessFixtures fx;
    private OrgId org;
    private Actor actor;
    private TenantScope tenant;
    private Feature feature;

    @BeforeEach
    void openScenario() {
        scenario = new AuditScenario(db, data);
        fx = scenario.fx;
        org = scenario.org;
        actor = scenario.actor;
        tenant = scenario.tenant;
        feature = scenario.feature;
    }

    // --- calls that write nothing --------------------------------------------------------------

    @Test
    void teamMemberCallsThatChangeNothingWriteNothing() {
        User u = data.member(org);
        Team team = fx.team(org, u);
        User outsider = data.member(org);

        scenario.assertNothingRecorded(() -> assertThat(tenant.teams().addMember(team.id(), u.id())).isFalse());
        scenario.assertNothingRecorded(() -> assertThat(tenant.teams().removeMember(team.id(), outsider.id())).isFalse());
    }

    @Test
    void grantingTheStoredEffectAgainWritesNothing() {
        Role role = fx.role(org, Grant.allow(feature, "read"));

        scenario.assertNothingRecorded(() -> tenant.grants().grant(role.id(), Grant.allow(feature, "read")));
    }

    @Test
    void rejectedCallsWriteNothing() {
        User member = data.member(org);
        Role role = data.role(org);

        scenario.assertNothingRecorded(() -> assertThatThrownBy(() -> tenant.memberships().add(member.id(), OrgRole.MEMBER))
                .isInstanceOf(AlreadyExistsException.class));
        scenario.assertNothingRecorded(() -> assertThatThrownBy(() -> tenant.grants().grant(role.id(), Grant.allow(feature, "approve")))
                .isInstanceOf(ValidationException.class));
        scenario.assertNothingRecorded(() -> assertThatThrownBy(() -> tenant.assignments().assign(role.id(), data.userId()))
                .isInstanceOf(NotFoundException.class));
    }

    @Test
    void globalChangesAreNotInAnyTenantTrail() {
        User member = data.member(org);
        Role role = fx.role(org, Grant.allow(feature, "write"));
        int before = fx.audit(org).size();

        db.organizations().update(db.organizations().find(org).orElseThrow().withName("Renamed"));
        db.users().update(db.users().find(member.id()).orElseThrow().withDisplayName("Renamed user"));
        data.user();
        Module m = data.module();
        db.catalog().linkFeature(m.id(), feature.id());
        db.catalog().features().update(feature.withActions(List.of("read")));   // deletes the role's grant

        assertThat(tenant.grants().list(role.id())).isEmpty();
        assertThat(fx.audit(org)).hasSize(before);
    }

    // --- actor, time, sequence -----------------------------------------------------------------

    @Test
    void systemAndServiceActorsAreRecordedByLabelWithoutRequestDetails() {
        db.tenant(org).roles().create(new NewRole("by-system", "By system"));
        db.tenant(org, Actor.service("billing-sync")).roles().create(new NewRole("by-service", "By service"));

        List<AuditEvent> events = fx.audit(org);
        AuditEvent system = events.get(events.size() - 2);
        AuditEvent service = events.get(events.size() - 1);

        assertThat(system.actor()).isEqualTo("system");
        assertThat(service.actor()).isEqualTo("service:billing-sync");
        assertThat(List.of(system.ip(), system.userAgent(), service.ip(), service.userAgent())).containsOnly(Optional.empty());
    }

    @Test
    void eventsOfATransactionCarryItsActorAndComeInCallOrder() {
        Role role = db.inTenant(org, actor, tx -> {
            Role r = tx.roles().create(new NewRole("in-tx", "In tx"));
            tx.grants().grant(r.id(), Grant.allow(feature, "read"));
            return r;
        });

        List<AuditEvent> events = fx.audit(org);
        List<AuditEvent> last = events.subList(events.size() - 2, events.size());

        assertThat(last).extracting(AuditEvent::action).containsExactly("role.create", "grant.set");
        assertThat(last).extracting(AuditEvent::targetId).containsOnly(role.id().toString());
        assertThat(last).extracting(AuditEvent::actor).containsOnly(actor.label());
        assertThat(last).extracting(AuditEvent::ip).containsOnly(Optional.of(IP));
    }

    @Test
    void seqCountsFromOnePerOrganizationIndependentlyAndAtIsTheClock() {
        OrgId a = data.org().id();
        OrgId b = data.org().id();
        List<Instant> times = new ArrayList<>();
        for (OrgId o : List.of(a, b, a, a, b)) {
            clock.advance(Duration.ofSeconds(90));
            times.add(clock.instant());
            db.tenant(o).teams().create(new NewTeam("Team " + times.size()));
        }

        assertThat(fx.audit(a)).extracting(AuditEvent::seq).containsExactly(1L, 2L, 3L);
        assertThat(fx.audit(b)).extracting(AuditEvent::seq).containsExactly(1L, 2L);
        assertThat(fx.audit(a)).extracting(AuditEvent::at).containsExactly(times.get(0), times.get(2), times.get(3));
        assertThat(fx.audit(b)).extracting(AuditEvent::at).containsExactly(times.get(1), times.get(4));
        assertThat(fx.audit(a)).extracting(AuditEvent::orgId).containsOnly(a);
    }

    // --- paging --------------------------------------------------------------------------------

    @Test
    void pagesReturnEveryEventOnceInSeqOrder() {
        OrgId fresh = data.org().id();
        for (int i = 1; i <= 7; i++) {
            db.tenant(fresh).roles().create(new NewRole("role-" + i, "Role " + i));
        }
        List<Long> seqs = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();

        Optional<PageRequest> next = Optional.of(PageRequest.first(3));
        while (next.isPresent()) {
            Page<AuditEvent> page = db.tenant(fresh).audit().list(next.get());
            page.items().forEach(e -> seqs.add(e.seq()));
            sizes.add(page.items().size());
            next = page.next();
        }

        assertThat(sizes).containsExactly(3, 3, 1);
        assertThat(seqs).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(fx.audit(fresh)).extracting(AuditEvent::id).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void pageEndingExactlyAtTheLastEventHasNoCursor() {
        OrgId fresh = data.org().id();
        for (int i = 1; i <= 4; i++) {
            db.tenant(fresh).teams().create(new NewTeam("T" + i));
        }

        Page<AuditEvent> first = db.tenant(fresh).audit().list(PageRequest.first(2));
        Page<AuditEvent> second = db.tenant(fresh).audit().list(first.next().orElseThrow());

        assertThat(first.nextCursor()).isPresent();
        assertThat(second.items()).extracting(AuditEvent::seq).containsExactly(3L, 4L);
        assertThat(second.nextCursor()).isEmpty();
    }

    @Test
    void cursorThisListCannotHaveProducedIsRejected() {
        assertThatThrownBy(() -> tenant.audit().list(PageRequest.after("not-a-cursor", 10)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("after"));
    }
}
