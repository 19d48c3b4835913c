package dev.iamkit.testkit;

import dev.iamkit.IamDatabase;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.ModuleId;
import dev.iamkit.model.NewOrganization;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Organization;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.RoleId;
import dev.iamkit.model.User;
import dev.iamkit.model.UserId;
import dev.iamkit.model.ViewId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Helpers shared by the contract classes of global data (organizations, users, catalog),
 * validation and paging. Nothing here talks to a store except through its public API.
 */
final class GlobalFixtures {
    private GlobalFixtures() {
    }

    /** Ids no store can have made: version 4 UUIDs, whereas stores make version 7 ones. */
    static OrgId unknownOrg() {
        return OrgId.of(UUID.randomUUID());
    }

    static UserId unknownUser() {
        return UserId.of(UUID.randomUUID());
    }

    static ModuleId unknownModule() {
        return ModuleId.of(UUID.randomUUID());
    }

    static FeatureId unknownFeature() {
        return FeatureId.of(UUID.randomUUID());
    }

    static ViewId unknownView() {
        return ViewId.of(UUID.randomUUID());
    }

    static RoleId unknownRole() {
        return RoleId.of(UUID.randomUUID());
    }

    /** The same organization carrying another version, to provoke a stale update. */
    static Organization withVersion(Organization o, long version) {
        return new Organization(o.id(), o.parentId(), o.slug(), o.name(), o.status(), o.settings(), version,
                o.createdAt(), o.updatedAt(), o.deletedAt());
    }

    static User withVersion(User u, long version) {
        return new User(u.id(), u.email(), u.displayName(), u.status(), u.emailVerifiedAt(), version,
                u.createdAt(), u.updatedAt(), u.deletedAt());
    }

    /** A new root organization with the given slug, named after it. */
    static Organization createOrg(IamDatabase db, String slug) {
        return db.organizations().create(new NewOrganization(slug, "Org " + slug));
    }

    /** A new organization with the given slug under {@code parent}. */
    static Organization createOrgUnder(IamDatabase db, OrgId parent, String slug) {
        return db.organizations().create(new NewOrganization(slug, "Org " + slug).withParent(parent));
    }

    /** The first page of organizations at the largest limit: every non-deleted one in a small store. */
    static List<Organization> listOrgs(IamDatabase db) {
        return db.organizations().list(PageRequest.first(PageRequest.MAX_LIMIT)).items();
    }

    /** The organization as the store holds it now; fails if it is not there. */
    static Organization storedOrg(IamDatabase db, OrgId id) {
        return db.organizations().find(id).orElseThrow();
    }

    static String repeat(char c, int n) {
        return String.valueOf(c).repeat(n);
    }

    /** Every item of every page of a list, reading pages of {@code limit}. */
    static <T> List<T> walk(Function<PageRequest, Page<T>> list, int limit) {
        return walk(list, limit, pageNumber -> {
        });
    }

    /**
     * Every item of every page of a list, reading pages of {@code limit}; {@code betweenPages} runs
     * after each page that has a successor (with the number of pages read so far), before the next is read.
     * Fails if a page is empty while a cursor promised more, or if the walk does not end.
     */
    static <T> List<T> walk(Function<PageRequest, Page<T>> list, int limit, IntConsumer betweenPages) {
        List<T> all = new ArrayList<>();
        Optional<PageRequest> request = Optional.of(PageRequest.first(limit));
        int pages = 0;
        while (request.isPresent()) {
            Page<T> page = list.apply(request.get());
            pages++;
            if (page.items().size() > limit) {
                throw new AssertionError("page " + pages + " has " + page.items().size() + " items, more than the limit " + limit);
            }
            if (page.items().isEmpty() && page.hasNext()) {
                throw new AssertionError("page " + pages + " is empty but has a next cursor");
            }
            if (pages > 10_000) {
                throw new AssertionError("paging does not end");
            }
            all.addAll(page.items());
            request = page.next();
            if (request.isPresent()) {
                betweenPages.accept(pages);
            }
        }
        return all;
    }

    /** Everything the global stores show, to prove that a rejected call wrote nothing. */
    static List<Object> globalState(IamDatabase db) {
        List<Object> state = new ArrayList<>();
        state.add(db.organizations().list(PageRequest.first(PageRequest.MAX_LIMIT)).items());
        state.add(db.users().list(PageRequest.first(PageRequest.MAX_LIMIT)).items());
        state.add(db.catalog().modules().list());
        state.add(db.catalog().features().list());
        state.add(db.catalog().views().list());
        return state;
    }
}
