package dev.iamkit.testkit;

import static dev.iamkit.testkit.GlobalFixtures.walk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.model.NewOrganization;
import dev.iamkit.model.NewUser;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Organization;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Role;
import dev.iamkit.model.User;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Keyset paging of the id-ordered lists (users, organizations, roles): a walk over every page
 * returns each item exactly once and in order, also when items are inserted or deleted between
 * pages; {@code nextCursor} is present exactly when more items follow; limits 1 and 1000 work.
 */
public abstract class PagingContract extends ContractBase {

    private static final PageRequest ALL = PageRequest.first(PageRequest.MAX_LIMIT);

    private List<User> users(int count) {
        List<User> created = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            created.add(data.user());
        }
        return created;
    }

    private List<Organization> orgs(int count) {
        List<Organization> created = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            created.add(data.org());
        }
        return created;
    }

    private List<Role> roles(OrgId org, int count) {
        List<Role> created = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            created.add(data.role(org));
        }
        return created;
    }

    @Test
    void walkingTheUsersCollectsEachUserOnceInCreationOrderForAnyLimit() {
        List<User> created = users(7);

        for (int limit : new int[] {1, 2, 3, 6, 7, 8, 1000}) {
            assertThat(walk(db.users()::list, limit)).as("limit %d", limit).containsExactlyElementsOf(created);
        }
        assertThat(created).extracting(User::id).isSorted();
    }

    @Test
    void walkingTheOrganizationsCollectsEachOrganizationOnceInCreationOrderForAnyLimit() {
        List<Organization> created = orgs(7);

        for (int limit : new int[] {1, 2, 3, 6, 7, 8, 1000}) {
            assertThat(walk(db.organizations()::list, limit)).as("limit %d", limit).containsExactlyElementsOf(created);
        }
        assertThat(created).extracting(Organization::id).isSorted();
    }

    @Test
    void walkingTheRolesCollectsEachRoleOfTheOrganizationOnceInCreationOrderForAnyLimit() {
        Organization acme = data.org();
        Organization globex = data.org();
        List<Role> created = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            created.add(data.role(acme.id()));
            data.role(globex.id());
        }

        for (int limit : new int[] {1, 2, 4, 5, 6, 7, 1000}) {
            assertThat(walk(db.tenant(acme.id()).roles()::list, limit)).as("limit %d", limit).containsExactlyElementsOf(created);
        }
        assertThat(created).extracting(Role::id).isSorted();
    }

    @Test
    void nextCursorIsPresentExactlyWhenMoreItemsFollow() {
        List<User> created = users(4);

        Page<User> all = db.users().list(PageRequest.first(4));
        assertThat(all.items()).containsExactlyElementsOf(created);
        assertThat(all.nextCursor()).isEmpty();
        assertThat(all.limit()).isEqualTo(4);

        Page<User> roomy = db.users().list(PageRequest.first(5));
        assertThat(roomy.items()).hasSize(4);
        assertThat(roomy.nextCursor()).isEmpty();

        Page<User> three = db.users().list(PageRequest.first(3));
        assertThat(three.items()).containsExactlyElementsOf(created.subList(0, 3));
        assertThat(three.nextCursor()).isPresent();
        Page<User> rest = db.users().list(three.next().orElseThrow());
        assertThat(rest.items()).containsExactly(created.get(3));
        assertThat(rest.nextCursor()).isEmpty();
        assertThat(rest.limit()).isEqualTo(3);

        Page<User> firstHalf = db.users().list(PageRequest.first(2));
        assertThat(firstHalf.nextCursor()).isPresent();
        Page<User> secondHalf = db.users().list(firstHalf.next().orElseThrow());
        assertThat(secondHalf.items()).containsExactlyElementsOf(created.subList(2, 4));
        assertThat(secondHalf.nextCursor()).as("a full last page has no cursor").isEmpty();
    }

    @Test
    void aFullPageReadBeforeAnInsertHasNoCursorButALaterCursorSeesTheNewItem() {
        List<User> created = users(2);
        Page<User> first = db.users().list(PageRequest.first(2));
        assertThat(first.nextCursor()).isEmpty();

        User later = data.user();
        Page<User> after = db.users().list(PageRequest.after(db.users().list(PageRequest.first(1)).nextCursor().orElseThrow(), 5));

        assertThat(first.items()).containsExactlyElementsOf(created);
        assertThat(after.items()).containsExactly(created.get(1), later);
        assertThat(after.nextCursor()).isEmpty();
    }

    @Test
    void emptyListsHaveNoItemsAndNoCursor() {
        Organization acme = data.org();
        db.organizations().delete(acme.id());

        for (Page<?> page : List.of(db.users().list(PageRequest.first(1)), db.organizations().list(PageRequest.first(1)),
                db.tenant(acme.id()).roles().list(PageRequest.first(1)))) {
            assertThat(page.items()).isEmpty();
            assertThat(page.nextCursor()).isEmpty();
            assertThat(page.next()).isEmpty();
        }
    }

    @Test
    void usersCreatedBetweenPagesAreCollectedOnceAfterTheOthers() {
        List<User> expected = new ArrayList<>(users(5));

        List<User> walked = walk(db.users()::list, 2, pageNumber -> {
            if (pageNumber <= 2) {
                expected.add(db.users().create(new NewUser("late-" + pageNumber + "@example.com", "Late " + pageNumber)));
            }
        });

        assertThat(walked).hasSize(7).containsExactlyElementsOf(expected);
        assertThat(walked).extracting(User::id).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void usersDeletedBetweenPagesAreSkippedEvenWhenTheCursorPointsAtOne() {
        List<User> u = users(6);

        List<User> walked = walk(db.users()::list, 2, pageNumber -> {
            if (pageNumber == 1) {
                db.users().delete(u.get(1).id()); // the last item of page 1: the cursor points at it
                db.users().delete(u.get(4).id());
            }
        });

        assertThat(walked).containsExactly(u.get(0), u.get(1), u.get(2), u.get(3), u.get(5));
        assertThat(walk(db.users()::list, 2)).containsExactly(u.get(0), u.get(2), u.get(3), u.get(5));
    }

    @Test
    void organizationsCreatedDeletedAndRestoredBetweenPagesAreEachCollectedAtMostOnceInOrder() {
        List<Organization> o = orgs(6);
        db.organizations().delete(o.get(4).id());
        List<Organization> added = new ArrayList<>();

        List<Organization> walked = walk(db.organizations()::list, 2, pageNumber -> {
            if (pageNumber == 1) {
                db.organizations().delete(o.get(1).id());
                db.organizations().delete(o.get(2).id());
                db.organizations().restore(o.get(4).id());
                added.add(db.organizations().create(new NewOrganization("newcomer", "Newcomer")));
            }
        });

        assertThat(walked).extracting(Organization::id)
                .containsExactly(o.get(0).id(), o.get(1).id(), o.get(3).id(), o.get(4).id(), o.get(5).id(), added.get(0).id());
        assertThat(walk(db.organizations()::list, 3)).extracting(Organization::id)
                .containsExactly(o.get(0).id(), o.get(3).id(), o.get(4).id(), o.get(5).id(), added.get(0).id());
    }

    @Test
    void rolesCreatedAndDeletedBetweenPagesAreCollectedOnceInOrder() {
        Organization acme = data.org();
        List<Role> r = roles(acme.id(), 7);
        List<Role> added = new ArrayList<>();

        List<Role> walked = walk(db.tenant(acme.id()).roles()::list, 3, pageNumber -> {
            db.tenant(acme.id()).roles().delete(r.get(pageNumber * 3 - 1).id()); // the item the cursor points at
            added.add(data.role(acme.id()));
        });

        List<Role> expected = new ArrayList<>(r);
        expected.addAll(added);
        assertThat(added).hasSize(2);
        assertThat(walked).containsExactlyElementsOf(expected);
        expected.removeAll(List.of(r.get(2), r.get(5)));
        assertThat(walk(db.tenant(acme.id()).roles()::list, 1000)).containsExactlyElementsOf(expected);
    }

    @Test
    void limitOneGivesOneItemPerPageAndACursorOnAllButTheLast() {
        List<Organization> created = orgs(3);
        List<Page<Organization>> pages = new ArrayList<>();

        Page<Organization> page = db.organizations().list(PageRequest.first(1));
        pages.add(page);
        while (page.hasNext()) {
            page = db.organizations().list(page.next().orElseThrow());
            pages.add(page);
        }

        assertThat(pages).hasSize(3);
        assertThat(pages).extracting(p -> p.items().size()).containsExactly(1, 1, 1);
        assertThat(pages).extracting(Page::hasNext).containsExactly(true, true, false);
        assertThat(pages).flatExtracting(Page::items).containsExactlyElementsOf(created);
    }

    @Test
    void limitOneThousandGivesAThousandItemsAndTheRestOnTheNextPage() {
        List<User> created = new ArrayList<>();
        IntStream.range(0, 1001).forEach(i -> created.add(db.users().create(new NewUser("user" + i + "@example.com", "User " + i))));

        Page<User> first = db.users().list(ALL);
        assertThat(first.items()).hasSize(1000).containsExactlyElementsOf(created.subList(0, 1000));
        assertThat(first.nextCursor()).isPresent();
        Page<User> second = db.users().list(first.next().orElseThrow());
        assertThat(second.items()).containsExactly(created.get(1000));
        assertThat(second.nextCursor()).isEmpty();

        db.users().delete(created.get(1000).id());
        Page<User> exactlyFull = db.users().list(ALL);
        assertThat(exactlyFull.items()).hasSize(1000);
        assertThat(exactlyFull.nextCursor()).isEmpty();
    }
}
