package dev.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.error.ValidationException;
import dev.iamkit.model.Actor;
import dev.iamkit.model.AuditEvent;
import dev.iamkit.model.AuditQuery;
import dev.iamkit.model.NewRole;
import dev.iamkit.model.NewTeam;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Role;
import dev.iamkit.model.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code audit().query(...)}: filters by target, actor, action and time, together, keyset-paged by seq. */
public abstract class AuditQueryContract extends ContractBase {
    private OrgId org;
    private Actor ada;
    private Actor bob;
    private Role clerk;
    private Instant start;
    private Instant middle;

    /** Ada creates a role and a team, an hour later Bob renames the role and creates a team, then Ada deletes the first team. */
    @BeforeEach
    void history() {
        org = data.org().id();
        UserId a = data.user().id();
        UserId b = data.user().id();
        ada = Actor.user(a);
        bob = Actor.user(b);
        start = clock.instant();
        clerk = db.tenant(org, ada).roles().create(new NewRole("clerk", "Clerk"));
        var first = db.tenant(org, ada).teams().create(new NewTeam("First"));
        clock.advance(Duration.ofHours(1));
        middle = clock.instant();
        db.tenant(org, bob).roles().update(clerk.withName("Clerk II"));
        db.tenant(org, bob).teams().create(new NewTeam("Second"));
        db.tenant(org, ada).teams().delete(first.id());
    }

    private List<AuditEvent> all(AuditQuery q) {
        List<AuditEvent> out = new ArrayList<>();
        Optional<PageRequest> next = Optional.of(PageRequest.first(2));
        while (next.isPresent()) {
            Page<AuditEvent> p = db.tenant(org).audit().query(q, next.get());
            out.addAll(p.items());
            next = p.next();
        }
        return out;
    }

    @Test
    void eachFilterKeepsExactlyTheEventsItNamesInSeqOrder() {
        assertThat(all(AuditQuery.all())).extracting(AuditEvent::action)
                .containsExactly("role.create", "team.create", "role.update", "team.create", "team.delete");
        assertThat(all(AuditQuery.all().withTarget("role", clerk.id().toString()))).extracting(AuditEvent::action)
                .containsExactly("role.create", "role.update");
        assertThat(all(AuditQuery.all().withTargetType("team"))).extracting(AuditEvent::action)
                .containsExactly("team.create", "team.create", "team.delete");
        assertThat(all(AuditQuery.all().withActor(bob.label()))).extracting(AuditEvent::action).containsExactly("role.update", "team.create");
        assertThat(all(AuditQuery.all().withAction("team.create"))).extracting(AuditEvent::actor).containsExactly(ada.label(), bob.label());
    }

    @Test
    void theTimeRangeIncludesItsStartAndExcludesItsEnd() {
        assertThat(all(AuditQuery.all().between(start, middle))).extracting(AuditEvent::action).containsExactly("role.create", "team.create");
        assertThat(all(AuditQuery.all().between(middle, middle.plusSeconds(1)))).hasSize(3);
        assertThat(all(AuditQuery.all().between(start.minusSeconds(10), start))).isEmpty();
    }

    @Test
    void filtersCombineAndPagesNeverRepeatOrSkip() {
        List<AuditEvent> adaTeams = all(AuditQuery.all().withActor(ada.label()).withTargetType("team"));
        assertThat(adaTeams).extracting(AuditEvent::action).containsExactly("team.create", "team.delete");
        assertThat(adaTeams).extracting(AuditEvent::seq).isSorted().doesNotHaveDuplicates();

        Page<AuditEvent> first = db.tenant(org).audit().query(AuditQuery.all().withTargetType("team"), PageRequest.first(1));
        db.tenant(org, bob).teams().create(new NewTeam("Third"));   // appended while paging
        List<String> rest = new ArrayList<>();
        Optional<PageRequest> next = first.next();
        while (next.isPresent()) {
            Page<AuditEvent> p = db.tenant(org).audit().query(AuditQuery.all().withTargetType("team"), next.get());
            p.items().forEach(e -> rest.add(e.action()));
            next = p.next();
        }
        assertThat(first.items()).extracting(AuditEvent::action).containsExactly("team.create");
        assertThat(rest).containsExactly("team.create", "team.delete", "team.create");
    }

    @Test
    void anotherOrganizationsEventsNeverMatch() {
        OrgId other = data.org().id();
        db.tenant(other, ada).roles().create(new NewRole("clerk", "Clerk"));
        assertThat(db.tenant(other).audit().query(AuditQuery.all().withActor(ada.label()), PageRequest.first()).items())
                .extracting(AuditEvent::orgId).containsOnly(other).hasSize(1);
        assertThat(all(AuditQuery.all().withActor(ada.label()))).extracting(AuditEvent::orgId).containsOnly(org);
    }

    @Test
    void badQueriesNameTheField() {
        assertThatThrownBy(() -> AuditQuery.all().between(middle, start))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("until"));
        assertThatThrownBy(() -> AuditQuery.all().withActor(" "))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("actor"));
        assertThatThrownBy(() -> AuditQuery.all().withTarget("role", null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("targetId"));
        assertThatThrownBy(() -> db.tenant(org).audit().query(null, PageRequest.first()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("query"));
        assertThatThrownBy(() -> db.tenant(org).audit().query(AuditQuery.all(), PageRequest.after("not-a-seq", 5)))
                .isInstanceOf(ValidationException.class);
    }
}
