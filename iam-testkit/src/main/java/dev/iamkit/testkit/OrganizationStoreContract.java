package dev.iamkit.testkit;

import static dev.iamkit.testkit.GlobalFixtures.createOrg;
import static dev.iamkit.testkit.GlobalFixtures.createOrgUnder;
import static dev.iamkit.testkit.GlobalFixtures.listOrgs;
import static dev.iamkit.testkit.GlobalFixtures.storedOrg;
import static dev.iamkit.testkit.GlobalFixtures.unknownOrg;
import static dev.iamkit.testkit.GlobalFixtures.withVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.StaleVersionException;
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
import org.junit.jupiter.api.Test;

/**
 * Organizations as records: creation, lookup by id and slug, listing, optimistic updates of name,
 * slug, status and settings, soft delete and restore, settings round trips and timestamps. The
 * parent tree (children, moves, cycles) is pinned by {@link OrganizationHierarchyContract}. See
 * {@link OrganizationStore} and docs/semantics.md.
 */
public abstract class OrganizationStoreContract extends ContractBase {

    private OrganizationStore orgs() {
        return db.organizations();
    }

    // ---- create, find and list -------------------------------------------------------------

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
        createOrg(db, "acme");

        assertThat(orgs().find(unknownOrg())).isEmpty();
        assertThat(orgs().findBySlug("globex")).isEmpty();
    }

    @Test
    void createWithATakenSlugIsAlreadyExistsOnSlugAndWritesNothing() {
        Organization first = createOrg(db, "acme");

        assertThatThrownBy(() -> orgs().create(new NewOrganization("acme", "Another Acme")))
                .asInstanceOf(type(AlreadyExistsException.class))
                .satisfies(e -> {
                    assertThat(e.entity()).isEqualTo("organization");
                    assertThat(e.field()).isEqualTo("slug");
                    assertThat(e.value()).isEqualTo("acme");
                });
        assertThat(listOrgs(db)).containsExactly(first);
        assertThat(orgs().findBySlug("acme")).contains(first);
    }

    @Test
    void listHoldsNonDeletedOrganizationsInCreationOrder() {
        Organization a = createOrg(db, "org-a");
        Organization b = createOrg(db, "org-b");
        Organization c = createOrg(db, "org-c");
        orgs().delete(b.id());

        List<Organization> listed = listOrgs(db);

        assertThat(listed).containsExactly(a, c);
        assertThat(listed).extracting(Organization::id).isSorted();
    }

    // ---- update ----------------------------------------------------------------------------

    @Test
    void updateStoresTheNameIncrementsTheVersionAndStampsUpdatedAt() {
        Organization org = createOrg(db, "acme");
        Instant created = org.createdAt();
        clock.advance(Duration.ofMinutes(5));

        Organization updated = orgs().update(org.withName("Acme Worldwide"));

        assertThat(updated.name()).isEqualTo("Acme Worldwide");
        assertThat(updated.version()).isEqualTo(1);
        assertThat(updated.createdAt()).isEqualTo(created);
        assertThat(updated.updatedAt()).isEqualTo(created.plus(Duration.ofMinutes(5)));
        assertThat(updated.slug()).isEqualTo("acme");
        assertThat(storedOrg(db, org.id())).isEqualTo(updated);
    }

    @Test
    void updateStoresANewSlugAndFreesTheOldOne() {
        Organization org = createOrg(db, "acme");

        Organization updated = orgs().update(org.withSlug("acme-inc"));

        assertThat(updated.slug()).isEqualTo("acme-inc");
        assertThat(orgs().findBySlug("acme-inc")).contains(updated);
        assertThat(orgs().findBySlug("acme")).isEmpty();
        Organization newcomer = createOrg(db, "acme");
        assertThat(orgs().findBySlug("acme")).contains(newcomer);
    }

    @Test
    void updateStoresTheStatus() {
        Organization org = createOrg(db, "acme");

        Organization suspended = orgs().update(org.withStatus(OrgStatus.SUSPENDED));
        assertThat(suspended.status()).isEqualTo(OrgStatus.SUSPENDED);
        assertThat(storedOrg(db, org.id()).status()).isEqualTo(OrgStatus.SUSPENDED);
        assertThat(listOrgs(db)).containsExactly(suspended);

        Organization active = orgs().update(suspended.withStatus(OrgStatus.ACTIVE));
        assertThat(active.status()).isEqualTo(OrgStatus.ACTIVE);
        assertThat(active.version()).isEqualTo(2);
    }

    @Test
    void updateReplacesTheSettingsAsAWhole() {
        Organization org = orgs().create(new NewOrganization("acme", "Acme").withSettings(Map.of("theme", "dark", "seats", 10)));

        Organization updated = orgs().update(org.withSettings(Map.of("locale", "de-DE")));

        assertThat(updated.settings()).isEqualTo(Map.of("locale", "de-DE"));
        assertThat(storedOrg(db, org.id()).settings()).isEqualTo(Map.of("locale", "de-DE"));
    }

    @Test
    void updateWithAStaleVersionIsStaleVersionAndKeepsTheFirstChange() {
        Organization read = createOrg(db, "acme");
        Organization winner = orgs().update(read.withName("First writer"));

        assertThatThrownBy(() -> orgs().update(read.withName("Second writer")))
                .asInstanceOf(type(StaleVersionException.class))
                .satisfies(e -> {
                    assertThat(e.entity()).isEqualTo("organization");
                    assertThat(e.id()).isEqualTo(read.id().toString());
                    assertThat(e.expectedVersion()).isZero();
                });
        assertThat(storedOrg(db, read.id())).isEqualTo(winner);
    }

    @Test
    void updateWithAVersionAheadOfTheStoredOneIsStaleVersion() {
        Organization org = createOrg(db, "acme");

        assertThatThrownBy(() -> orgs().update(withVersion(org, 7).withName("From the future")))
                .asInstanceOf(type(StaleVersionException.class))
                .satisfies(e -> assertThat(e.expectedVersion()).isEqualTo(7));
        assertThat(storedOrg(db, org.id())).isEqualTo(org);
    }

    @Test
    void updateToTheSlugOfAnotherOrganizationIsAlreadyExistsAndChangesNothing() {
        createOrg(db, "acme");
        Organization globex = createOrg(db, "globex");

        assertThatThrownBy(() -> orgs().update(globex.withSlug("acme").withName("Renamed")))
                .asInstanceOf(type(AlreadyExistsException.class))
                .satisfies(e -> {
                    assertThat(e.entity()).isEqualTo("organization");
                    assertThat(e.field()).isEqualTo("slug");
                    assertThat(e.value()).isEqualTo("acme");
                });
        assertThat(storedOrg(db, globex.id())).isEqualTo(globex);
    }

    @Test
    void updateToTheSlugOfADeletedOrganizationIsAllowed() {
        Organization old = createOrg(db, "acme");
        orgs().delete(old.id());
        Organization globex = createOrg(db, "globex");

        Organization updated = orgs().update(globex.withSlug("acme"));

        assertThat(orgs().findBySlug("acme")).contains(updated);
    }

    @Test
    void updateOfADeletedOrganizationIsNotFound() {
        Organization org = createOrg(db, "acme");
        Organization deleted = orgs().delete(org.id());

        assertThatThrownBy(() -> orgs().update(deleted.withName("Back from the dead")))
                .asInstanceOf(type(NotFoundException.class))
                .satisfies(e -> {
                    assertThat(e.entity()).isEqualTo("organization");
                    assertThat(e.id()).isEqualTo(org.id().toString());
                });
        assertThat(storedOrg(db, org.id())).isEqualTo(deleted);
    }

    // ---- delete and restore ----------------------------------------------------------------

    @Test
    void deleteIsSoftFindStillReturnsItButSlugListAndChildrenDoNot() {
        Organization parent = createOrg(db, "holding");
        Organization org = createOrgUnder(db, parent.id(), "acme");
        clock.advance(Duration.ofHours(1));
        Instant deletedAt = clock.instant();

        Organization deleted = orgs().delete(org.id());

        assertThat(deleted.deletedAt()).contains(deletedAt);
        assertThat(deleted.deleted()).isTrue();
        assertThat(deleted.version()).isEqualTo(1);
        assertThat(deleted.slug()).isEqualTo("acme");
        assertThat(orgs().find(org.id())).contains(deleted);
        assertThat(orgs().findBySlug("acme")).isEmpty();
        assertThat(listOrgs(db)).containsExactly(parent);
        assertThat(orgs().children(parent.id())).isEmpty();
    }

    @Test
    void deleteFreesTheSlugForANewOrganization() {
        Organization old = createOrg(db, "acme");
        orgs().delete(old.id());

        Organization newcomer = createOrg(db, "acme");

        assertThat(newcomer.id()).isNotEqualTo(old.id());
        assertThat(orgs().findBySlug("acme")).contains(newcomer);
        assertThat(listOrgs(db)).containsExactly(newcomer);
    }

    @Test
    void deleteOfADeletedOrUnknownOrganizationIsNotFound() {
        Organization org = createOrg(db, "acme");
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
        assertThat(storedOrg(db, org.id())).isEqualTo(deleted);
    }

    @Test
    void restoreUndoesTheDeleteAndIncrementsTheVersion() {
        Organization org = createOrg(db, "acme");
        orgs().delete(org.id());

        Organization restored = orgs().restore(org.id());

        assertThat(restored.deletedAt()).isEmpty();
        assertThat(restored.version()).isEqualTo(2);
        assertThat(restored.slug()).isEqualTo("acme");
        assertThat(orgs().findBySlug("acme")).contains(restored);
        assertThat(listOrgs(db)).containsExactly(restored);
        assertThat(orgs().update(restored.withName("Alive again")).version()).isEqualTo(3);
    }

    @Test
    void restoreOfAnOrganizationThatIsNotDeletedReturnsItUnchanged() {
        Organization org = createOrg(db, "acme");

        Organization restored = orgs().restore(org.id());

        assertThat(restored).isEqualTo(org);
        assertThat(storedOrg(db, org.id())).isEqualTo(org);
    }

    @Test
    void slugIsFreedBySoftDeleteAndRestoreThenCollides() {
        Organization old = createOrg(db, "acme");
        Organization deleted = orgs().delete(old.id());
        Organization newcomer = createOrg(db, "acme");

        assertThatThrownBy(() -> orgs().restore(old.id()))
                .asInstanceOf(type(AlreadyExistsException.class))
                .satisfies(e -> {
                    assertThat(e.field()).isEqualTo("slug");
                    assertThat(e.value()).isEqualTo("acme");
                });
        assertThat(storedOrg(db, old.id())).isEqualTo(deleted);
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
        Map<String, Object> read = storedOrg(db, org.id()).settings();
        assertThat(read).isEqualTo(expected);
        assertThat(read.get("seats")).isInstanceOf(Long.class);
        assertThat(read.keySet()).containsExactly("big", "empty", "features", "mixed", "price", "seats", "zeta");
        assertThat(orgs().findBySlug("acme").orElseThrow().settings()).isEqualTo(expected);
    }

    @Test
    void timestampsComeFromTheClockAtMicrosecondPrecision() {
        clock.set(Instant.parse("2031-02-03T04:05:06.123456789Z"));
        Organization org = createOrg(db, "acme");
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
        assertThat(storedOrg(db, org.id())).isEqualTo(deleted);
    }

    @Test
    void changesToAnOrganizationAreNotInItsOwnAuditTrail() {
        Organization org = createOrg(db, "acme");
        Organization updated = orgs().update(org.withName("Acme Two").withStatus(OrgStatus.SUSPENDED).withSettings(Map.of("a", 1)));
        orgs().delete(org.id());
        orgs().restore(org.id());
        orgs().update(storedOrg(db, org.id()).withSlug("acme-two"));

        assertThat(updated.version()).isEqualTo(1);
        assertThat(db.tenant(org.id()).audit().list(PageRequest.first(PageRequest.MAX_LIMIT)).items()).isEmpty();
    }
}
