package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.TenantScope;
import dev.iamkit.model.Actor;
import dev.iamkit.model.ApiKey;
import dev.iamkit.model.Assignment;
import dev.iamkit.model.Feature;
import dev.iamkit.model.Grant;
import dev.iamkit.model.Module;
import dev.iamkit.model.NewApiKey;
import dev.iamkit.model.NewFeature;
import dev.iamkit.model.NewModule;
import dev.iamkit.model.NewOrganization;
import dev.iamkit.model.NewRole;
import dev.iamkit.model.NewTeam;
import dev.iamkit.model.NewUser;
import dev.iamkit.model.NewView;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.OrgRole;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Principal;
import dev.iamkit.model.Role;
import dev.iamkit.model.Team;
import dev.iamkit.model.User;
import dev.iamkit.model.View;
import dev.iamkit.model.ViewAccess;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A write that finds nothing to change writes nothing, but it may have locked rows (every write
 * of a role's grants and assignments locks the role first), and the commit of a transaction that
 * holds row locks waits for a WAL flush. So on a transaction of its own such a write ends with a
 * rollback; one that changed something ends with its commit; and in a host's transaction nothing
 * ends until the host's work does.
 */
class UnchangedWritesTest {
    private static final PostgresFixture FIXTURE = new PostgresFixture("unchanged");
    private static final ExchangeCounter COUNTER = new ExchangeCounter();
    private static PostgresIam db;

    @BeforeAll
    static void open() {
        db = COUNTER.store(FIXTURE);
    }

    @Test
    void aWriteThatChangesNothingEndsWithARollbackAndOneThatChangesSomethingWithItsCommit() {
        OrgId org = db.organizations().create(new NewOrganization("unchanged", "Unchanged")).id();
        TenantScope t = db.tenant(org);
        User user = db.users().create(new NewUser("unchanged@example.com", "U"));
        t.memberships().add(user.id(), OrgRole.MEMBER);
        Role role = t.roles().create(new NewRole("unchanged", "U"));
        Role other = t.roles().create(new NewRole("unchanged-other", "U"));
        Feature feature = db.catalog().features().create(new NewFeature("unchanged-feature", "U", List.of("read")));
        View view = db.catalog().views().create(new NewView("unchanged-view", "U", "/unchanged"));
        Module module = db.catalog().modules().create(new NewModule("unchanged-module", "U"));
        Team team = t.teams().create(new NewTeam("Unchanged"));

        // each pair: the write that changes something, then the same write again, which changes nothing
        Map<String, Consumer<TenantScope>> writes = new LinkedHashMap<>();
        writes.put("unassign", s -> s.assignments().unassign(role.id(), Principal.user(user.id())));
        writes.put("grant", s -> s.grants().grant(role.id(), Grant.allow(feature, "read")));
        writes.put("revoke", s -> s.grants().revoke(role.id(), feature.id(), "read"));
        writes.put("replace", s -> s.grants().replace(role.id(), List.of(Grant.deny(feature, "read"))));
        writes.put("grant a view", s -> s.grants().grantView(role.id(), ViewAccess.allow(view.id())));
        writes.put("revoke a view", s -> s.grants().revokeView(role.id(), view.id()));
        writes.put("replace the views", s -> s.grants().replaceViews(role.id(), List.of(ViewAccess.deny(view.id()))));
        writes.put("add a team member", s -> s.teams().addMember(team.id(), user.id()));
        writes.put("remove a team member", s -> s.teams().removeMember(team.id(), user.id()));
        writes.put("include a role", s -> s.roles().include(role.id(), other.id()));
        writes.put("exclude a role", s -> s.roles().exclude(role.id(), other.id()));
        writes.put("revoke an entitlement", s -> s.entitlements().revoke(module.id()));
        ApiKey key = t.apiKeys().create(new NewApiKey("unchanged", List.of("read"))).key();
        writes.put("revoke an API key", s -> s.apiKeys().revoke(key.id()));
        t.assignments().assign(role.id(), user.id());
        t.entitlements().entitle(module.id());
        for (var w : writes.entrySet()) {
            int before = events(t);
            COUNTER.measure(() -> w.getValue().accept(t));
            assertThat(COUNTER.ends()).as(w.getKey() + " that changes something ends with its commit").doesNotContain("rollback");
            int after = events(t);
            assertThat(after).as(w.getKey() + " appended its event").isEqualTo(before + 1);
            COUNTER.measure(() -> w.getValue().accept(t));
            assertThat(COUNTER.ends()).as(w.getKey() + " again, which changes nothing").containsExactly("rollback");
            assertThat(events(t)).as(w.getKey() + " again appends nothing").isEqualTo(after);
        }
    }

    private static int events(TenantScope t) {
        return t.audit().list(PageRequest.first(100)).items().size();
    }

    @Test
    void inAHostsTransactionAWriteThatChangesNothingLeavesTheTransactionToTheHost() {
        OrgId org = db.organizations().create(new NewOrganization("unchanged-host", "Unchanged")).id();
        User user = db.users().create(new NewUser("unchanged-host@example.com", "U"));
        db.tenant(org).memberships().add(user.id(), OrgRole.MEMBER);
        Role role = db.tenant(org).roles().create(new NewRole("unchanged-host", "U"));
        db.inTenant(org, Actor.system(), tx -> {
            assertThat(tx.assignments().unassign(role.id(), Principal.user(user.id()))).isFalse();
            return tx.assignments().assign(role.id(), user.id());
        });
        assertThat(db.tenant(org).assignments().listFor(Principal.user(user.id()))).extracting(Assignment::roleId).containsExactly(role.id());
    }
}
