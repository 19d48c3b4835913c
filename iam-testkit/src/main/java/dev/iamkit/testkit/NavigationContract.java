package dev.iamkit.testkit;

import static dev.iamkit.testkit.GlobalFixtures.unknownView;
import static dev.iamkit.testkit.MenuFixtures.labels;
import static dev.iamkit.testkit.MenuFixtures.unknownItem;
import static dev.iamkit.testkit.TenantFixtures.assertNotFound;
import static dev.iamkit.testkit.TenantFixtures.assertStale;
import static dev.iamkit.testkit.TenantFixtures.assertValidation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.model.MenuItem;
import dev.iamkit.model.MenuItemId;
import dev.iamkit.model.NewMenuItem;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.View;
import dev.iamkit.store.NavigationStore;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The global menu definition: items, their order, versions, moves without cycles, and the
 * cascades from a deleted item or view. See {@link NavigationStore}.
 */
public abstract class NavigationContract extends ContractBase {
    private MenuFixtures menu;

    @BeforeEach
    void fixtures() {
        menu = new MenuFixtures(db);
    }

    private NavigationStore nav() {
        return db.navigation();
    }

    @Test
    void createStoresEveryFieldAtVersionZero() {
        View view = data.view();
        MenuItem sales = menu.group(" Sales ", 10);
        MenuItem invoices = nav().create(NewMenuItem.link(view.id(), "Invoices", -3).under(sales.id()));

        assertThat(sales).isEqualTo(new MenuItem(sales.id(), Optional.empty(), Optional.empty(), "Sales", 10, 0));
        assertThat(sales.isGroup()).isTrue();
        assertThat(invoices).isEqualTo(new MenuItem(invoices.id(), Optional.of(sales.id()), Optional.of(view.id()), "Invoices", -3, 0));
        assertThat(nav().find(invoices.id())).contains(invoices);
        assertThat(nav().find(unknownItem())).isEmpty();
    }

    @Test
    void listIsDepthFirstWithSiblingsByPositionThenId() {
        MenuItem second = menu.group("Second", 2);
        MenuItem firstB = menu.group("First-b", 1);
        MenuItem firstA = menu.group("First-a", 1);   // same position, larger id: after First-b
        menu.group(second, "Second.2", 5);
        menu.group(second, "Second.1", -5);
        menu.group(firstA, "First-a.1", 0);

        assertThat(labels(nav().list())).containsExactly("First-b", "First-a", "First-a.1", "Second", "Second.1", "Second.2");
        assertThat(labels(nav().children(Optional.empty()))).containsExactly("First-b", "First-a", "Second");
        assertThat(labels(nav().children(Optional.of(second.id())))).containsExactly("Second.1", "Second.2");
        assertThat(nav().children(Optional.of(firstB.id()))).isEmpty();
        assertThat(nav().children(Optional.of(unknownItem()))).isEmpty();
    }

    @Test
    void anUnknownParentOrViewIsNotFoundAndNothingIsWritten() {
        MenuItemId ghost = unknownItem();
        assertNotFound(() -> nav().create(NewMenuItem.group("Lost", 0).under(ghost)), "menu_item", ghost);
        var missingView = unknownView();
        assertNotFound(() -> nav().create(NewMenuItem.link(missingView, "Lost", 0)), "view", missingView);
        assertNotFound(() -> nav().create(NewMenuItem.link(missingView, "Lost", 0).under(ghost)), "menu_item", ghost);

        assertThat(nav().list()).isEmpty();
    }

    @Test
    void labelAndPositionAreValidatedNamingTheField() {
        View view = data.view();
        assertValidation(() -> NewMenuItem.group("  ", 0), "label");
        assertValidation(() -> NewMenuItem.group("x".repeat(201), 0), "label");
        assertValidation(() -> NewMenuItem.group("Bad\u0007", 0), "label");
        assertValidation(() -> NewMenuItem.link(view.id(), "Ok", 1_000_001), "position");
        assertValidation(() -> NewMenuItem.link(null, "Ok", 0), "viewId");
        assertValidation(() -> new NewMenuItem(null, Optional.empty(), "Ok", 0), "parentId");
        MenuItem item = menu.group("Kept", 0);
        assertValidation(() -> item.withLabel(""), "label");
        assertValidation(() -> nav().move(item, Optional.empty(), -1_000_001), "position");

        assertThat(nav().list()).containsExactly(item);
        assertThat(NewMenuItem.group("x".repeat(200), 1_000_000).label()).hasSize(200);
    }

    @Test
    void updateStoresLabelViewAndPositionAndAddsOneToTheVersion() {
        View first = data.view();
        View second = data.view();
        MenuItem item = menu.link(first, "Old", 1);

        MenuItem updated = nav().update(item.withLabel("New").withView(Optional.of(second.id())).withPosition(7));

        assertThat(updated).isEqualTo(new MenuItem(item.id(), Optional.empty(), Optional.of(second.id()), "New", 7, 1));
        assertThat(menu.stored(item)).isEqualTo(updated);
        MenuItem group = nav().update(updated.withView(Optional.empty()));
        assertThat(group.isGroup()).isTrue();
        assertThat(group.version()).isEqualTo(2);
    }

    @Test
    void aStaleUpdateOrMoveIsRefusedAndChangesNothing() {
        MenuItem item = menu.group("Item", 1);
        MenuItem fresh = nav().update(item.withLabel("Fresh"));

        assertStale(() -> nav().update(item.withLabel("Stale")), "menu_item", item.id(), 0);
        assertStale(() -> nav().move(item, Optional.empty(), 9), "menu_item", item.id(), 0);

        assertThat(menu.stored(item)).isEqualTo(fresh);
    }

    @Test
    void updateRefusesAnUnknownItemOrViewAndAChangedParent() {
        MenuItem parent = menu.group("Parent", 0);
        MenuItem item = menu.group(parent, "Item", 0);
        MenuItem ghost = new MenuItem(unknownItem(), Optional.empty(), Optional.empty(), "Ghost", 0, 0);
        var missingView = unknownView();

        assertNotFound(() -> nav().update(ghost), "menu_item", ghost.id());
        assertNotFound(() -> nav().update(item.withView(Optional.of(missingView))), "view", missingView);
        assertValidation(() -> nav().update(new MenuItem(item.id(), Optional.empty(), Optional.empty(), "Item", 0, 0)), "parentId");

        assertThat(menu.stored(item)).isEqualTo(item);
    }

    @Test
    void moveChangesParentAndPositionAndTakesTheSubItemsAlong() {
        MenuItem a = menu.group("A", 0);
        MenuItem b = menu.group("B", 1);
        MenuItem a1 = menu.group(a, "A1", 0);
        menu.group(a1, "A1x", 0);

        MenuItem moved = nav().move(a1, Optional.of(b.id()), 4);

        assertThat(moved).isEqualTo(new MenuItem(a1.id(), Optional.of(b.id()), Optional.empty(), "A1", 4, 1));
        assertThat(labels(nav().list())).containsExactly("A", "B", "A1", "A1x");
        MenuItem top = nav().move(moved, Optional.empty(), -1);
        assertThat(top.parentId()).isEmpty();
        assertThat(labels(nav().list())).containsExactly("A1", "A1x", "A", "B");
    }

    @Test
    void moveBelowItselfOrOneOfItsSubItemsIsRefusedAndChangesNothing() {
        MenuItem root = menu.group("Root", 0);
        MenuItem child = menu.group(root, "Child", 0);
        MenuItem grandchild = menu.group(child, "Grandchild", 0);
        List<MenuItem> before = nav().list();

        assertValidation(() -> nav().move(root, Optional.of(root.id()), 0), "parentId");
        assertValidation(() -> nav().move(root, Optional.of(child.id()), 0), "parentId");
        assertValidation(() -> nav().move(root, Optional.of(grandchild.id()), 0), "parentId");
        assertValidation(() -> nav().move(child, Optional.of(grandchild.id()), 0), "parentId");

        assertThat(nav().list()).isEqualTo(before);
    }

    @Test
    void moveRefusesAnUnknownItemOrParent() {
        MenuItem item = menu.group("Item", 0);
        MenuItemId ghost = unknownItem();

        assertNotFound(() -> nav().move(item, Optional.of(ghost), 0), "menu_item", ghost);
        MenuItem unknown = new MenuItem(ghost, Optional.empty(), Optional.empty(), "Ghost", 0, 0);
        assertNotFound(() -> nav().move(unknown, Optional.empty(), 0), "menu_item", ghost);

        assertThat(menu.stored(item)).isEqualTo(item);
    }

    @Test
    void deletingAnItemDeletesItsSubItemsAllTheWayDown() {
        MenuItem keep = menu.group("Keep", 0);
        MenuItem doomed = menu.group("Doomed", 1);
        MenuItem child = menu.link(doomed, data.view(), "Child", 0);
        MenuItem grandchild = menu.group(child, "Grandchild", 0);

        nav().delete(doomed.id());

        assertThat(nav().list()).containsExactly(keep);
        assertThat(nav().find(grandchild.id())).isEmpty();
        assertNotFound(() -> nav().delete(doomed.id()), "menu_item", doomed.id());
    }

    @Test
    void deletingAViewDeletesTheItemsThatOpenItAndTheirSubItems() {
        View doomed = data.view();
        View kept = data.view();
        MenuItem group = menu.group("Group", 0);
        MenuItem opensDoomed = menu.link(group, doomed, "Doomed", 0);
        menu.link(opensDoomed, kept, "Below doomed", 0);
        MenuItem opensKept = menu.link(group, kept, "Kept", 1);
        menu.link(doomed, "Top doomed", 1);

        db.catalog().views().delete(doomed.id());

        assertThat(nav().list()).containsExactly(group, opensKept);
    }

    @Test
    void menuChangesAreNotTenantDataAndMoveNoRevision() {
        OrgId org = data.org().id();
        data.member(org);
        long revision = db.tenant(org).revision().value();
        int events = TenantFixtures.auditOf(db, org).size();

        MenuItem item = menu.link(data.view(), "Item", 0);
        nav().update(item.withLabel("Renamed"));
        nav().delete(item.id());

        assertThat(db.tenant(org).revision().value()).isEqualTo(revision);
        assertThat(TenantFixtures.auditOf(db, org)).hasSize(events);
    }
}
