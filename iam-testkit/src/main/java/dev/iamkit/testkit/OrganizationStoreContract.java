package dev.iamkit.testkit;

import static dev.iamkit.testkit.GlobalFixtures.unknownOrg;
import static dev.iamkit.testkit.GlobalFixtures.withVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.StaleVersionException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.NewOrganization;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.OrgStatus;
import dev.iamkit.model.Organization;
import dev.iamkit.model.PageRequest;
import dev.iamkit.store.OrganizationStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Organizations: creation, lookup, the parent tree, optimistic updates, soft delete and restore,
 * settings and timestamps. See {@link OrganizationStore} and docs/semantics.md.
 */
public abstract class OrganizationStoreContract extends StoreContract {

    private OrganizationStore orgs() {
        return db.organizations();
    }

    private Organization create(String slug) {
        return orgs().create(new NewOrganization(slug, "Org " + slug));
    }

    private Organization createUnder(OrgId parent, String slug) {
        return orgs().create(new NewOrganization(slug, "Org " + slug).withParent(parent));
    }

    private List<Organization> listAll() {
        return orgs().list(PageRequest.first(PageRequest.MAX_LIMIT)).items();
    }

    private Organization stored(OrgId id) {
        return orgs().find(id).orElseThrow();
    }

    // ---- create and find -------------------------------------------------------------------

    @Test
    void createReturnsAnActiveRootOrganizationAtVersionZeroStampedByTheClock() {
        Instant now = clock.instant();

        Organization org = orgs().create(new NewOrganization("  acme  ", "  Acme Corp "));

        assertThat(org.id()).isNotNull();
        assertThat(org.slug()).isEqualTo("acme");
        assertThat(org.name()).isEqualTo("Acme Corp");
        assertThat(org.status()).isEqualTo(OrgStatus.ACTIVE);
        assertThat(org.parentId()).isEmpty();
        assertThat(org.settings()).isEmpty();
        assertThat(org.version()).isZero();
        assertThat(org.createdAt()).isEqualTo(now);
        assertThat(org.updatedAt()).isEqualTo(now);
        assertThat(org.deletedAt()).isEmpty();
        assertThat(orgs().find(org.id())).contains(org);
        assertThat(orgs().findBySlug("acme")).contains(org);
    }

    @Test
    void findAndFindBySlugOfUnknownOrganizationsAreEmpty() {
        create("acme");

        assertThat(orgs().find(unknownOrg())).isEmpty();
        assertThat(orgs().findBySlug("globex")).isEmpty();
    }

    @Test
    void createWithATakenSlugIsAlreadyExistsOnSlugAndWritesNothing() {
        Organization first = create("acme");

        assertThatThrownBy(() -> orgs().create(new NewOrganization("acme", "Another Acme")))
                .asInstanceOf(type(AlreadyExistsException.class))
                .satisfies(e -> {
                    assertThat(e.entity()).isEqualTo("organization");
                    assertThat(e.field()).isEqualTo("slug");
                    assertThat(e.value()).isEqualTo("acme");
                });
        assertThat(listAll()).containsExactly(first);
        assertThat(orgs().findBySlug("acme")).contains(first);
    }

    @Test
    void createUnderAParentRecordsTheParentAndListsItAsAChild() {
        Organization parent = create("holding");

        Organization child = createUnder(parent.id(), "subsidiary");

        assertThat(child.parentId()).contains(parent.id());
        assertThat(stored(child.id()).parentId()).contains(parent.id());
        assertThat(orgs().children(parent.id())).containsExactly(child);
        assertThat(orgs().children(child.id())).isEmpty();
    }

    @Test
    void createUnderAnUnknownParentIsNotFoundAndWritesNothing() {
        OrgId missing = unknownOrg();

        assertThatThrownBy(() -> createUnder(missing, "orphan"))
                .asInstanceOf(type(NotFoundException.class))
                .satisfies(e -> {
                    assertThat(e.entity()).isEqualTo("organization");
                    assertThat(e.id()).isEqualTo(missing.toString());
                });
        assertThat(listAll()).isEmpty();
        assertThat(orgs().findBySlug("orphan")).isEmpty();
    }

    @Test
    void createUnderADeletedParentIsNotFound() {
        Organization parent = create("holding");
        orgs().delete(parent.id());

        assertThatThrownBy(() -> createUnder(parent.id(), "subsidiary"))
                .asInstanceOf(type(NotFoundException.class))
                .satisfies(e -> {
                    assertThat(e.entity()).isEqualTo("organization");
                    assertThat(e.id()).isEqualTo(parent.id().toString());
                });
        assertThat(orgs().findBySlug("subsidiary")).isEmpty();
    }

    @Test
    void childrenAreTheNonDeletedDirectChildrenInCreationOrder() {
        Organization root = create("root");
        Organization a = createUnder(root.id(), "child-a");
        Organization b = createUnder(root.id(), "child-b");
        Organization c = createUnder(root.id(), "child-c");
        Organization grandchild = createUnder(a.id(), "grandchild");
        create("unrelated");

        orgs().delete(b.id());

        assertThat(orgs().children(root.id())).containsExactly(stored(a.id()), stored(c.id()));
        assertThat(orgs().children(a.id())).containsExactly(grandchild);
        assertThat(orgs().children(unknownOrg())).isEmpty();
    }

    @Test
    void listHoldsNonDeletedOrganizationsInCreationOrder() {
        Organization a = create("org-a");
        Organization b = create("org-b");
        Organization c = create("org-c");
        orgs().delete(b.id());

        List<Organization> listed = listAll();

        assertThat(listed).containsExactly(a, c);
        assertThat(listed).extracting(Organization::id).isSorted();
    }

    // ---- update ----------------------------------------------------------------------------

    @Test
    void updateStoresTheNameIncrementsTheVersionAndStampsUpdatedAt() {
        Organization org = create("acme");
        Instant created = org.createdAt();
        clock.advance(Duration.ofMinutes(5));

        Organization updated = orgs().update(org.withName("Acme Worldwide"));

        assertThat(updated.name()).isEqualTo("Acme Worldwide");
        assertThat(updated.version()).isEqualTo(1);
        assertThat(updated.createdAt()).isEqualTo(created);
        assertThat(updated.updatedAt()).isEqualTo(created.plus(Duration.ofMinutes(5)));
        assertThat(updated.slug()).isEqualTo("acme");
        assertThat(stored(org.id())).isEqualTo(updated);
    }

    @Test
    void updateStoresANewSlugAndFreesTheOldOne() {
        Organization org = create("acme");

        Organization updated = orgs().update(org.withSlug("acme-inc"));

        assertThat(updated.slug()).isEqualTo("acme-inc");
        assertThat(orgs().findBySlug("acme-inc")).contains(updated);
        assertThat(orgs().findBySlug("acme")).isEmpty();
        Organization newcomer = create("acme");
        assertThat(orgs().findBySlug("acme")).contains(newcomer);
    }

    @Test
    void updateStoresTheStatus() {
        Organization org = create("acme");

        Organization suspended = orgs().update(org.withStatus(OrgStatus.SUSPENDED));
        assertThat(suspended.status()).isEqualTo(OrgStatus.SUSPENDED);
        assertThat(stored(org.id()).status()).isEqualTo(OrgStatus.SUSPENDED);
        assertThat(listAll()).containsExactly(suspended);

        Organization active = orgs().update(suspended.withStatus(OrgStatus.ACTIVE));
        assertThat(active.status()).isEqualTo(OrgStatus.ACTIVE);
        assertThat(active.version()).isEqualTo(2);
    }

    @Test
    void updateReplacesTheSettingsAsAWhole() {
        Organization org = orgs().create(new NewOrganization("acme", "Acme").withSettings(Map.of("theme", "dark", "seats", 10)));

        Organization updated = orgs().update(org.withSettings(Map.of("locale", "de-DE")));

        assertThat(updated.settings()).isEqualTo(Map.of("locale", "de-DE"));
        assertThat(stored(org.id()).settings()).isEqualTo(Map.of("locale", "de-DE"));
    }

    @Test
    void updateMovesAnOrganizationUnderAnotherParentAndBackToTheRoot() {
        Organization first = create("first");
        Organization second = create("second");
        Organization child = createUnder(first.id(), "child");

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
    void updateWithAStaleVersionIsStaleVersionAndKeepsTheFirstChange() {
        Organization read = create("acme");
        Organization winner = orgs().update(read.withName("First writer"));

        assertThatThrownBy(() -> orgs().update(read.withName("Second writer")))
                .asInstanceOf(type(StaleVersionException.class))
                .satisfies(e -> {
                    assertThat(e.entity()).isEqualTo("organization");
                    assertThat(e.id()).isEqualTo(read.id().toString());
                    assertThat(e.expectedVersion()).isZero();
                });
        assertThat(stored(read.id())).isEqualTo(winner);
    }

    @Test
    void updateWithAVersionAheadOfTheStoredOneIsStaleVersion() {
        Organization org = create("acme");

        assertThatThrownBy(() -> orgs().update(withVersion(org, 7).withName("From the future")))
                .asInstanceOf(type(StaleVersionException.class))
                .satisfies(e -> assertThat(e.expectedVersion()).isEqualTo(7));
        assertThat(stored(org.id())).isEqualTo(org);
    }

    @Test
    void updateToTheSlugOfAnotherOrganizationIsAlreadyExistsAndChangesNothing() {
        create("acme");
        Organization globex = create("globex");

        assertThatThrownBy(() -> orgs().update(globex.withSlug("acme").withName("Renamed")))
                .asInstanceOf(type(AlreadyExistsException.class))
                .satisfies(e -> {
                    assertThat(e.entity()).isEqualTo("organization");
                    assertThat(e.field()).isEqualTo("slug");
                    assertThat(e.value()).isEqualTo("acme");
                });
        assertThat(stored(globex.id())).isEqualTo(globex);
    }

    @Test
    void updateToTheSlugOfADeletedOrganizationIsAllowed() {
        Organization old = create("acme");
        orgs().delete(old.id());
        Organization globex = create("globex");

        Organization updated = orgs().update(globex.withSlug("acme"));

        assertThat(orgs().findBySlug("acme")).contains(updated);
    }

    @Test
    void anOrganizationCannotBecomeItsOwnParent() {
        Organization org = create("acme");

        assertThatThrownBy(() -> orgs().update(org.withParent(Optional.of(org.id()))))
                .asInstanceOf(type(ValidationException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo("parentId"));
        assertThat(stored(org.id())).isEqualTo(org);
    }

    @Test
    void anOrganizationCannotMoveUnderItsChildOrAnyDeeperDescendant() {
        Organization root = create("root");
        Organization child = createUnder(root.id(), "child");
        Organization grandchild = createUnder(child.id(), "grandchild");

        assertThatThrownBy(() -> orgs().update(root.withParent(Optional.of(child.id()))))
                .asInstanceOf(type(ValidationException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo("parentId"));
        assertThatThrownBy(() -> orgs().update(root.withParent(Optional.of(grandchild.id()))))
                .asInstanceOf(type(ValidationException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo("parentId"));
        assertThat(stored(root.id())).isEqualTo(root);
        assertThat(orgs().children(grandchild.id())).isEmpty();
    }

    @Test
    void updateUnderADeletedOrUnknownParentIsNotFound() {
        Organization org = create("acme");
        Organization gone = create("gone");
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
        assertThat(stored(org.id())).isEqualTo(org);
    }

    @Test
    void updateOfADeletedOrganizationIsNotFound() {
        Organization org = create("acme");
        Organization deleted = orgs().delete(org.id());

        assertThatThrownBy(() -> orgs().update(deleted.withName("Back from the dead")))
                .asInstanceOf(type(NotFoundException.class))
                .satisfies(e -> {
                    assertThat(e.entity()).isEqualTo("organization");
                    assertThat(e.id()).isEqualTo(org.id().toString());
                });
        assertThat(stored(org.id())).isEqualTo(deleted);
    }

    // ---- delete and restore ----------------------------------------------------------------

    @Test
    void deleteIsSoftFindStillReturnsItButSlugListAndChildrenDoNot() {
        Organization parent = create("holding");
        Organization org = createUnder(parent.id(), "acme");
        clock.advance(Duration.ofHours(1));
        Instant deletedAt = clock.instant();

        Organization deleted = orgs().delete(org.id());

        assertThat(deleted.deletedAt()).contains(deletedAt);
        assertThat(deleted.deleted()).isTrue();
        assertThat(deleted.version()).isEqualTo(1);
        assertThat(deleted.slug()).isEqualTo("acme");
        assertThat(orgs().find(org.id())).contains(deleted);
        assertThat(orgs().findBySlug("acme")).isEmpty();
        assertThat(listAll()).containsExactly(parent);
        assertThat(orgs().children(parent.id())).isEmpty();
    }

    @Test
    void deleteFreesTheSlugForANewOrganization() {
        Organization old = create("acme");
        orgs().delete(old.id());

        Organization newcomer = create("acme");

        assertThat(newcomer.id()).isNotEqualTo(old.id());
        assertThat(orgs().findBySlug("acme")).contains(newcomer);
        assertThat(listAll()).containsExactly(newcomer);
    }

    @Test
    void deleteOfADeletedOrUnknownOrganizationIsNotFound() {
        Organization org = create("acme");
        Organization deleted = orgs().delete(org.id());
        OrgId missing = unknownOrg();

        assertThatThrownBy(() -> orgs().delete(org.id()))
                .asInstanceOf(type(NotFoundException.class))
                .satisfies(e -> assertThat(e.id()).isEqualTo(org.id().toString()));
        assertThatThrownBy(() -> orgs().delete(missing))
                .asInstanceOf(type(NotFoundException.class))
                .satisfies(e -> {
                    assertThat(e.entity()).isEqualTo("organization");
                    assertThat(e.id()).isEqualTo(missing.toString());
                });
        assertThat(stored(org.id())).isEqualTo(deleted);
    }

    @Test
    void restoreUndoesTheDeleteAndIncrementsTheVersion() {
        Organization org = create("acme");
        orgs().delete(org.id());

        Organization restored = orgs().restore(org.id());

        assertThat(restored.deletedAt()).isEmpty();
        assertThat(restored.version()).isEqualTo(2);
        assertThat(restored.slug()).isEqualTo("acme");
        assertThat(orgs().findBySlug("acme")).contains(restored);
        assertThat(listAll()).containsExactly(restored);
        assertThat(orgs().update(restored.withName("Alive again")).version()).isEqualTo(3);
    }

    @Test
    void restoreOfAnOrganizationThatIsNotDeletedReturnsItUnchanged() {
        Organization org = create("acme");

        Organization restored = orgs().restore(org.id());

        assertThat(restored).isEqualTo(org);
        assertThat(stored(org.id())).isEqualTo(org);
    }

    @Test
    void slugIsFreedBySoftDeleteAndRestoreThenCollides() {
        Organization old = create("acme");
        Organization deleted = orgs().delete(old.id());
        Organization newcomer = create("acme");

        assertThatThrownBy(() -> orgs().restore(old.id()))
                .asInstanceOf(type(AlreadyExistsException.class))
                .satisfies(e -> {
                    assertThat(e.field()).isEqualTo("slug");
                    assertThat(e.value()).isEqualTo("acme");
                });
        assertThat(stored(old.id())).isEqualTo(deleted);
        assertThat(orgs().findBySlug("acme")).contains(newcomer);

        orgs().delete(newcomer.id());
        assertThat(orgs().restore(old.id()).deleted()).isFalse();
        assertThat(orgs().findBySlug("acme").map(Organization::id)).contains(old.id());
    }

    @Test
    void restoreOfAnUnknownOrganizationIsNotFound() {
        OrgId missing = unknownOrg();

        assertThatThrownBy(() -> orgs().restore(missing))
                .asInstanceOf(type(NotFoundException.class))
                .satisfies(e -> {
                    assertThat(e.entity()).isEqualTo("organization");
                    assertThat(e.id()).isEqualTo(missing.toString());
                });
    }

    // ---- settings and timestamps -----------------------------------------------------------

    @Test
    void settingsRoundTripWithNestedMapsListsAndNumbersNormalised() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("enabled", true);
        nested.put("ratio", 0.25);
        nested.put("depth", Map.of("level", (short) 3));
        List<Object> mixed = new ArrayList<>(List.of(1, 2L, 2.5, "three", false, Map.of("k", (byte) 4), List.of(5)));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("zeta", "last");
        settings.put("seats", 25);
        settings.put("price", 12.0f);
        settings.put("big", 9_000_000_000L);
        settings.put("features", nested);
        settings.put("mixed", mixed);
        settings.put("empty", List.of());

        Organization org = orgs().create(new NewOrganization("acme", "Acme").withSettings(settings));

        Map<String, Object> expected = Map.of(
                "zeta", "last",
                "seats", 25L,
                "price", 12L,
                "big", 9_000_000_000L,
                "features", Map.of("enabled", true, "ratio", 0.25, "depth", Map.of("level", 3L)),
                "mixed", List.of(1L, 2L, 2.5, "three", false, Map.of("k", 4L), List.of(5L)),
                "empty", List.of());
        assertThat(org.settings()).isEqualTo(expected);
        Map<String, Object> read = stored(org.id()).settings();
        assertThat(read).isEqualTo(expected);
        assertThat(read.get("seats")).isInstanceOf(Long.class);
        assertThat(read.keySet()).containsExactly("big", "empty", "features", "mixed", "price", "seats", "zeta");
        assertThat(orgs().findBySlug("acme").orElseThrow().settings()).isEqualTo(expected);
    }

    @Test
    void timestampsComeFromTheClockAtMicrosecondPrecision() {
        clock.set(Instant.parse("2031-02-03T04:05:06.123456789Z"));
        Organization org = create("acme");
        assertThat(org.createdAt()).isEqualTo(Instant.parse("2031-02-03T04:05:06.123456Z"));
        assertThat(org.updatedAt()).isEqualTo(org.createdAt());

        clock.advance(Duration.ofDays(1));
        Organization updated = orgs().update(org.withName("Acme Two"));
        assertThat(updated.createdAt()).isEqualTo(Instant.parse("2031-02-03T04:05:06.123456Z"));
        assertThat(updated.updatedAt()).isEqualTo(Instant.parse("2031-02-04T04:05:06.123456Z"));

        clock.advance(Duration.ofDays(1));
        Organization deleted = orgs().delete(org.id());
        assertThat(deleted.deletedAt()).contains(Instant.parse("2031-02-05T04:05:06.123456Z"));
        assertThat(deleted.createdAt()).isEqualTo(org.createdAt());
        assertThat(stored(org.id())).isEqualTo(deleted);
    }

    @Test
    void changesToAnOrganizationAreNotInItsOwnAuditTrail() {
        Organization org = create("acme");
        Organization updated = orgs().update(org.withName("Acme Two").withStatus(OrgStatus.SUSPENDED).withSettings(Map.of("a", 1)));
        orgs().delete(org.id());
        orgs().restore(org.id());
        orgs().update(stored(org.id()).withSlug("acme-two"));

        assertThat(updated.version()).isEqualTo(1);
        assertThat(db.tenant(org.id()).audit().list(PageRequest.first(PageRequest.MAX_LIMIT)).items()).isEmpty();
    }
}
