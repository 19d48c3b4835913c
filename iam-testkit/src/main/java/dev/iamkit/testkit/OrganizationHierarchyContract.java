package dev.iamkit.testkit;

import static dev.iamkit.testkit.GlobalFixtures.createOrg;
import static dev.iamkit.testkit.GlobalFixtures.createOrgUnder;
import static dev.iamkit.testkit.GlobalFixtures.listOrgs;
import static dev.iamkit.testkit.GlobalFixtures.storedOrg;
import static dev.iamkit.testkit.GlobalFixtures.unknownOrg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Organization;
import dev.iamkit.store.OrganizationStore;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The organization tree: creating under a parent, which must exist and not be deleted;
 * {@link OrganizationStore#children} as the non-deleted direct children in creation order; moving
 * an organization under another parent and back to the root; and the moves that are refused, onto
 * itself or under its own descendant ({@code ValidationException} on {@code parentId}) or under a
 * deleted or unknown parent ({@code NotFoundException}). See "References and cascades" in
 * docs/semantics.md.
 */
public abstract class OrganizationHierarchyContract extends ContractBase {

    private OrganizationStore orgs() {
        return db.organizations();
    }

    // ---- creating under a parent -----------------------------------------------------------

    @Test
    void createUnderAParentRecordsTheParentAndListsItAsAChild() {
        Organization parent = createOrg(db, "holding");

        Organization child = createOrgUnder(db, parent.id(), "subsidiary");

        assertThat(child.parentId()).contains(parent.id());
        assertThat(storedOrg(db, child.id()).parentId()).contains(parent.id());
        assertThat(orgs().children(parent.id())).containsExactly(child);
        assertThat(orgs().children(child.id())).isEmpty();
    }

    @Test
    void createUnderAnUnknownParentIsNotFoundAndWritesNothing() {
        OrgId missing = unknownOrg();

        assertThatThrownBy(() -> createOrgUnder(db, missing, "orphan"))
                .asInstanceOf(type(NotFoundException.class))
                .satisfies(e -> {
                    assertThat(e.entity()).isEqualTo("organization");
                    assertThat(e.id()).isEqualTo(missing.toString());
                });
        assertThat(listOrgs(db)).isEmpty();
        assertThat(orgs().findBySlug("orphan")).isEmpty();
    }

    @Test
    void createUnderADeletedParentIsNotFound() {
        Organization parent = createOrg(db, "holding");
        orgs().delete(parent.id());

        assertThatThrownBy(() -> createOrgUnder(db, parent.id(), "subsidiary"))
                .asInstanceOf(type(NotFoundException.class))
                .satisfies(e -> {
                    assertThat(e.entity()).isEqualTo("organization");
                    assertThat(e.id()).isEqualTo(parent.id().toString());
                });
        assertThat(orgs().findBySlug("subsidiary")).isEmpty();
    }

    // ---- children --------------------------------------------------------------------------

    @Test
    void childrenAreTheNonDeletedDirectChildrenInCreationOrder() {
        Organization root = createOrg(db, "root");
        Organization a = createOrgUnder(db, root.id(), "child-a");
        Organization b = createOrgUnder(db, root.id(), "child-b");
        Organization c = createOrgUnder(db, root.id(), "child-c");
        Organization grandchild = createOrgUnder(db, a.id(), "grandchild");
        createOrg(db, "unrelated");

        orgs().delete(b.id());

        assertThat(orgs().children(root.id())).containsExactly(storedOrg(db, a.id()), storedOrg(db, c.id()));
        assertThat(orgs().children(a.id())).containsExactly(grandchild);
        assertThat(orgs().children(unknownOrg())).isEmpty();
    }

    // ---- moving ----------------------------------------------------------------------------

    @Test
    void updateMovesAnOrganizationUnderAnotherParentAndBackToTheRoot() {
        Organization first = createOrg(db, "first");
        Organization second = createOrg(db, "second");
        Organization child = createOrgUnder(db, first.id(), "child");

        Organization moved = orgs().update(child.withParent(Optional.of(second.id())));

        assertThat(moved.parentId()).contains(second.id());
        assertThat(orgs().children(first.id())).isEmpty();
        assertThat(orgs().children(second.id())).containsExactly(moved);

        Organization root = orgs().update(moved.withParent(Optional.empty()));

        assertThat(root.parentId()).isEmpty();
        assertThat(root.version()).isEqualTo(2);
        assertThat(orgs().children(second.id())).isEmpty();
    }

    @Test
    void anOrganizationCannotBecomeItsOwnParent() {
        Organization org = createOrg(db, "acme");

        assertThatThrownBy(() -> orgs().update(org.withParent(Optional.of(org.id()))))
                .asInstanceOf(type(ValidationException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo("parentId"));
        assertThat(storedOrg(db, org.id())).isEqualTo(org);
    }

    @Test
    void anOrganizationCannotMoveUnderItsChildOrAnyDeeperDescendant() {
        Organization root = createOrg(db, "root");
        Organization child = createOrgUnder(db, root.id(), "child");
        Organization grandchild = createOrgUnder(db, child.id(), "grandchild");

        assertThatThrownBy(() -> orgs().update(root.withParent(Optional.of(child.id()))))
                .asInstanceOf(type(ValidationException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo("parentId"));
        assertThatThrownBy(() -> orgs().update(root.withParent(Optional.of(grandchild.id()))))
                .asInstanceOf(type(ValidationException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo("parentId"));
        assertThat(storedOrg(db, root.id())).isEqualTo(root);
        assertThat(orgs().children(grandchild.id())).isEmpty();
    }

    @Test
    void updateUnderADeletedOrUnknownParentIsNotFound() {
        Organization org = createOrg(db, "acme");
        Organization gone = createOrg(db, "gone");
        orgs().delete(gone.id());
        OrgId missing = unknownOrg();

        assertThatThrownBy(() -> orgs().update(org.withParent(Optional.of(gone.id()))))
                .asInstanceOf(type(NotFoundException.class))
                .satisfies(e -> {
                    assertThat(e.entity()).isEqualTo("organization");
                    assertThat(e.id()).isEqualTo(gone.id().toString());
                });
        assertThatThrownBy(() -> orgs().update(org.withParent(Optional.of(missing))))
                .asInstanceOf(type(NotFoundException.class))
                .satisfies(e -> {
                    assertThat(e.entity()).isEqualTo("organization");
                    assertThat(e.id()).isEqualTo(missing.toString());
                });
        assertThat(storedOrg(db, org.id())).isEqualTo(org);
    }
}
