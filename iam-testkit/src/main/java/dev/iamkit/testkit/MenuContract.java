package dev.iamkit.testkit;

import static dev.iamkit.testkit.MenuFixtures.shape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.model.Actor;
import dev.iamkit.model.MembershipStatus;
import dev.iamkit.model.MenuItem;
import dev.iamkit.model.MenuNode;
import dev.iamkit.model.Module;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.OrgStatus;
import dev.iamkit.model.Principal;
import dev.iamkit.model.Role;
import dev.iamkit.model.User;
import dev.iamkit.model.View;
import dev.iamkit.model.ViewAccess;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code menu().forUser}: the menu definition filtered by the rules of {@code canAccessView},
 * groups with nothing visible below them pruned, siblings by position then id.
 */
public abstract class MenuContract extends ContractBase {
    private AccessFixtures fx;
    private MenuFixtures menu;
    private OrgId org;
    private User user;
    private View invoices;
    private View quotes;
    private View reports;
    private Module module;

    @BeforeEach
    void scenario() {
        fx = new AccessFixtures(db, data);
        menu = new MenuFixtures(db);
        org = data.org().id();
        user = data.member(org);
        invoices = data.view();
        quotes = data.view();
        reports = data.view();
        module = fx.entitledViewModule(org, invoices, quotes, reports);
    }

    private String seen() {
        return shape(db.tenant(org).menu().forUser(user.id()));
    }

    private Role allow(View... views) {
        Role r = fx.viewRole(org, java.util.Arrays.stream(views).map(v -> ViewAccess.allow(v.id())).toArray(ViewAccess[]::new));
        fx.assign(org, r, user);
        return r;
    }

    @Test
    void theTreeIsOrderedByPositionThenIdAtEveryLevel() {
        allow(invoices, quotes, reports);
        MenuItem sales = menu.group("Sales", 2);
        menu.link(sales, quotes, "Quotes", 5);
        menu.link(sales, invoices, "Invoices", -1);
        menu.link(reports, "Reports-b", 1);
        menu.link(reports, "Reports-a", 1);   // same position, larger id
        menu.link(sales, reports, "Sales reports", 5);

        assertThat(seen()).isEqualTo("Reports-b, Reports-a, Sales[Invoices, Quotes, Sales reports]");
        List<MenuNode> tree = db.tenant(org).menu().forUser(user.id());
        assertThat(tree.get(2).item()).isEqualTo(sales);
        assertThat(tree.get(2).children().get(0).children()).isEmpty();
    }

    @Test
    void groupsWithNothingVisibleBelowThemArePrunedAtEveryDepth() {
        allow(invoices);
        MenuItem outer = menu.group("Outer", 0);
        MenuItem inner = menu.group(outer, "Inner", 0);
        menu.link(inner, invoices, "Invoices", 0);
        MenuItem emptyInner = menu.group(outer, "Empty inner", 1);
        menu.group(emptyInner, "Empty innermost", 0);
        menu.link(emptyInner, quotes, "Quotes", 1);
        menu.group("Empty top", 1);
        MenuItem hiddenOnly = menu.group("Hidden only", 2);
        menu.link(hiddenOnly, reports, "Reports", 0);

        assertThat(seen()).isEqualTo("Outer[Inner[Invoices]]");
    }

    @Test
    void aHiddenItemHidesItsSubItemsAndAVisibleOneShowsWithoutThem() {
        allow(invoices, reports);
        MenuItem hidden = menu.link(quotes, "Quotes", 0);
        menu.link(hidden, invoices, "Invoices below quotes", 0);
        MenuItem shown = menu.link(reports, "Reports", 1);
        menu.link(shown, quotes, "Quotes below reports", 0);
        menu.group(shown, "Empty group below reports", 1);

        assertThat(seen()).isEqualTo("Reports");
    }

    @Test
    void anItemIsHiddenWithoutAnAllowGrant() {
        allow(invoices);
        menu.link(invoices, "Invoices", 0);
        menu.link(quotes, "Quotes", 1);

        assertThat(seen()).isEqualTo("Invoices");
    }

    @Test
    void aDenyInAnotherRoleHidesTheItem() {
        allow(invoices, quotes);
        fx.assign(org, fx.viewRole(org, ViewAccess.deny(quotes.id())), fx.team(org, user));
        menu.link(invoices, "Invoices", 0);
        menu.link(quotes, "Quotes", 1);

        assertThat(seen()).isEqualTo("Invoices");
    }

    @Test
    void anItemIsHiddenWhenTheOrganizationIsNotEntitledToAModuleWithTheView() {
        View unsold = data.view();
        db.catalog().linkView(data.module().id(), unsold.id());
        allow(invoices, unsold);
        menu.link(invoices, "Invoices", 0);
        menu.link(unsold, "Unsold", 1);
        assertThat(seen()).isEqualTo("Invoices");

        db.tenant(org).entitlements().setEnabled(module.id(), false);

        assertThat(seen()).isEmpty();
    }

    @Test
    void nothingIsVisibleWithASuspendedMembershipASuspendedOrganizationOrAnInactiveUser() {
        allow(invoices);
        menu.link(invoices, "Invoices", 0);
        assertThat(seen()).isEqualTo("Invoices");

        fx.setStatus(org, user, MembershipStatus.SUSPENDED);
        assertThat(seen()).as("suspended membership").isEmpty();
        fx.setStatus(org, user, MembershipStatus.ACTIVE);
        fx.setStatus(org, OrgStatus.SUSPENDED);
        assertThat(seen()).as("suspended organization").isEmpty();
        fx.setStatus(org, OrgStatus.ACTIVE);
        fx.setStatus(user, dev.iamkit.model.UserStatus.SUSPENDED);
        assertThat(seen()).as("suspended user").isEmpty();
    }

    @Test
    void accessThroughATeamAndThroughRoleInclusionOpensItems() {
        Role included = fx.viewRole(org, ViewAccess.allow(quotes.id()));
        Role outer = fx.viewRole(org, ViewAccess.allow(invoices.id()));
        db.tenant(org).roles().include(outer.id(), included.id());
        fx.assign(org, outer, fx.team(org, user));
        menu.link(invoices, "Invoices", 0);
        menu.link(quotes, "Quotes", 1);
        menu.link(reports, "Reports", 2);

        assertThat(seen()).isEqualTo("Invoices, Quotes");
    }

    @Test
    void anExpiredAssignmentNoLongerOpensItems() {
        fx.assignUntil(org, fx.viewRole(org, ViewAccess.allow(invoices.id())), Principal.user(user.id()),
                clock.instant().plus(Duration.ofMinutes(5)));
        menu.link(invoices, "Invoices", 0);
        assertThat(seen()).isEqualTo("Invoices");

        clock.advance(Duration.ofMinutes(5));

        assertThat(seen()).isEmpty();
    }

    @Test
    void theVisibleItemsAreExactlyThoseOfTheViewsCanAccessViewAllows() {
        View unsold = data.view();
        allow(invoices, quotes, unsold);
        fx.assign(org, fx.viewRole(org, ViewAccess.deny(quotes.id())), user);
        MenuItem group = menu.group("All", 0);
        for (View v : List.of(invoices, quotes, reports, unsold)) {
            menu.link(group, v, v.code(), 0);
        }

        List<String> visible = db.tenant(org).menu().forUser(user.id()).get(0).children().stream()
                .map(n -> n.item().label()).toList();
        List<String> allowed = List.of(invoices, quotes, reports, unsold).stream()
                .filter(v -> db.tenant(org).authz().canAccessView(user.id(), v.id())).map(View::code).toList();
        assertThat(visible).containsExactlyInAnyOrderElementsOf(allowed).containsExactly(invoices.code());
    }

    @Test
    void anUnknownUserOrOrganizationSeesAnEmptyMenu() {
        allow(invoices);
        menu.link(invoices, "Invoices", 0);

        assertThat(db.tenant(org).menu().forUser(GlobalFixtures.unknownUser())).isEmpty();
        assertThat(db.tenant(GlobalFixtures.unknownOrg()).menu().forUser(user.id())).isEmpty();
        assertThat(db.tenant(data.org().id()).menu().forUser(user.id())).as("not a member").isEmpty();
    }

    @Test
    void theMenuFollowsChangesToTheDefinitionAndTheCatalog() {
        allow(invoices, quotes);
        MenuItem item = menu.link(invoices, "Invoices", 0);
        menu.link(quotes, "Quotes", 1);
        assertThat(seen()).isEqualTo("Invoices, Quotes");

        db.navigation().update(item.withLabel("Bills").withPosition(2));
        assertThat(seen()).isEqualTo("Quotes, Bills");

        db.catalog().views().delete(quotes.id());
        assertThat(seen()).isEqualTo("Bills");
    }

    @Test
    void insideInTenantTheMenuSeesUncommittedChangesAndARollbackLeavesNothing() {
        menu.link(invoices, "Invoices", 0);

        assertThatThrownBy(() -> db.inTenant(org, Actor.system(), tx -> {
            Role r = tx.roles().create(new dev.iamkit.model.NewRole("viewer", "Viewer"));
            tx.grants().grantView(r.id(), ViewAccess.allow(invoices.id()));
            tx.assignments().assign(r.id(), user.id());
            assertThat(shape(tx.menu().forUser(user.id()))).isEqualTo("Invoices");
            throw new TenantFixtures.Abort();
        })).isInstanceOf(TenantFixtures.Abort.class);

        assertThat(seen()).isEmpty();
    }
}
