package dev.iamkit.testkit;

import static dev.iamkit.testkit.TenantFixtures.allPages;
import static dev.iamkit.testkit.TenantFixtures.itemsOf;
import static dev.iamkit.testkit.TenantFixtures.sizesOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.authz.Lookups;
import dev.iamkit.model.Actor;
import dev.iamkit.model.Feature;
import dev.iamkit.model.Grant;
import dev.iamkit.model.MembershipStatus;
import dev.iamkit.model.Module;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.OrgRole;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Permission;
import dev.iamkit.model.Principal;
import dev.iamkit.model.Role;
import dev.iamkit.model.User;
import dev.iamkit.model.UserId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keyset paging of {@code lookups()}: each item once and in order, whatever changes between pages;
 * inside {@code inTenant}, the work's own changes; never another organization's data.
 */
public abstract class LookupsPagingContract extends ContractBase {
    private AccessFixtures fx;
    private OrgId org;
    private Feature invoices;
    private Module module;
    private Role reading;
    /** A member made before the readers, holding nothing: the smallest user id of the organization. */
    private User early;
    /** Six members who may read, in user id order, half directly and half through a team each. */
    private List<User> readers;

    @BeforeEach
    void scenario() {
        fx = new AccessFixtures(db, data);
        org = data.org().id();
        invoices = data.feature("read", "approve");
        module = fx.entitledModule(org, invoices);
        reading = fx.role(org, Grant.allow(invoices, "read"));
        early = data.member(org);
        readers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            User u = data.member(org);
            if (i % 2 == 0) {
                fx.assign(org, reading, u);
            } else {
                fx.assign(org, reading, fx.team(org, u));
            }
            data.member(org);   // a member who may not read, between each two readers
            readers.add(u);
        }
    }

    private Lookups lookups() {
        return db.tenant(org).lookups();
    }

    private Page<UserId> readersPage(PageRequest request) {
        return lookups().usersWhoCan(invoices.id(), "read", request);
    }

    private List<UserId> ids(Stream<User> users) {
        return users.map(User::id).sorted().toList();
    }

    /** Reads the rest of a list from the page after {@code first}, returning every item in reading order. */
    private static <T> List<T> walkOn(Page<T> first, Function<PageRequest, Page<T>> list) {
        List<T> seen = new ArrayList<>(first.items());
        Optional<PageRequest> next = first.next();
        while (next.isPresent()) {
            Page<T> p = list.apply(next.get());
            seen.addAll(p.items());
            next = p.next();
        }
        return seen;
    }

    @Test
    void smallPagesReturnEveryUserOnceInIdOrder() {
        List<Page<UserId>> pages = allPages(this::readersPage, 4);

        assertThat(sizesOf(pages)).containsExactly(4, 2);
        assertThat(itemsOf(pages)).containsExactlyElementsOf(ids(readers.stream()));
        assertThat(pages.get(0).nextCursor()).contains(readers.get(3).id().toString());
        assertThat(sizesOf(allPages(this::readersPage, 3))).as("an exact fit ends without an empty page").containsExactly(3, 3);
        assertThat(sizesOf(allPages(this::readersPage, 1))).containsExactly(1, 1, 1, 1, 1, 1);
    }

    @Test
    void anItemAddedBeforeTheCursorIsNotReturnedAgainNorPushesAnotherOut() {
        Page<UserId> first = readersPage(PageRequest.first(2));
        assertThat(first.items()).containsExactlyElementsOf(ids(readers.stream().limit(2)));

        fx.assign(org, reading, early);   // now a reader, with a key before the cursor
        User late = data.member(org);
        fx.assign(org, reading, late);    // and one after every other

        List<UserId> walked = walkOn(first, this::readersPage);
        assertThat(walked).doesNotHaveDuplicates().isSortedAccordingTo(Comparator.naturalOrder())
                .containsAll(ids(readers.stream()))
                .isSubsetOf(ids(Stream.concat(readers.stream(), Stream.of(early, late))));
    }

    @Test
    void itemsRemovedBeforeAtOrAfterTheCursorSkipNothingThatStays() {
        Page<UserId> first = readersPage(PageRequest.first(2));
        User gone = readers.get(0);
        User cursor = readers.get(1);
        User later = readers.get(3);
        User suspended = readers.get(4);

        db.tenant(org).assignments().unassign(reading.id(), Principal.user(gone.id()));
        db.tenant(org).memberships().remove(cursor.id());          // the cursor's own key is gone
        db.tenant(org).assignments().unassign(reading.id(), Principal.team(db.tenant(org).teams().teamsOf(later.id()).get(0).id()));
        fx.setStatus(org, suspended, MembershipStatus.SUSPENDED);

        assertThat(walkOn(first, this::readersPage)).containsExactly(gone.id(), cursor.id(), readers.get(2).id(), readers.get(5).id());
    }

    @Test
    void permissionPagesStayExactWhileGrantsChangeBetweenThem() {
        Feature reports = data.feature("a1", "a2", "a3", "a4", "a5");
        Feature later = data.feature("b1", "b2");
        db.catalog().linkFeature(module.id(), reports.id());
        db.catalog().linkFeature(module.id(), later.id());
        Role role = fx.role(org, Grant.allow(reports, "a2"), Grant.allow(reports, "a3"), Grant.allow(reports, "a4"),
                Grant.allow(reports, "a5"), Grant.allow(later, "b1"), Grant.allow(later, "b2"));
        User user = readers.get(0);
        fx.assign(org, role, user);
        Function<PageRequest, Page<Permission>> list = r -> lookups().permissionsOf(user.id(), r);
        List<Permission> before = itemsOf(allPages(list, 2));
        assertThat(before).hasSize(7).isSorted();

        Page<Permission> first = list.apply(PageRequest.first(2));
        Permission cursor = first.items().get(1);
        Permission removed = before.get(4);
        db.tenant(org).grants().grant(role.id(), Grant.allow(reports, "a1"));   // before a2, wherever the cursor is
        db.tenant(org).grants().revoke(role.id(), removed.featureId(), removed.action());

        List<Permission> walked = walkOn(first, list);
        List<Permission> stayed = before.stream().filter(p -> !p.equals(removed)).toList();
        assertThat(walked).doesNotHaveDuplicates().isSorted().containsAll(stayed).doesNotContain(removed)
                .isSubsetOf(Stream.concat(stayed.stream(), Stream.of(Permission.of(reports.id(), "a1"))).toList());
        assertThat(first.nextCursor()).contains(PageRequest.cursorOf(cursor));
    }

    @Test
    void insideInTenantLookupsSeeTheWorksOwnChanges() {
        User joiner = data.user();
        assertThatThrownBy(() -> db.inTenant(org, Actor.system(), tx -> {
            tx.memberships().add(joiner.id(), OrgRole.MEMBER);
            tx.assignments().assign(reading.id(), joiner.id());
            tx.assignments().unassign(reading.id(), Principal.user(readers.get(0).id()));

            List<UserId> inside = itemsOf(allPages(r -> tx.lookups().usersWhoCan(invoices.id(), "read", r), 2));
            assertThat(inside).containsExactlyElementsOf(ids(Stream.concat(readers.stream().skip(1), Stream.of(joiner))));
            assertThat(tx.lookups().permissionsOf(joiner.id(), PageRequest.first()).items()).containsExactly(Permission.of(invoices.id(), "read"));
            assertThat(tx.lookups().permissionsOf(readers.get(0).id(), PageRequest.first()).items()).isEmpty();
            throw new TenantFixtures.Abort();
        })).isInstanceOf(TenantFixtures.Abort.class);

        assertThat(itemsOf(allPages(this::readersPage, 2))).as("rolled back").containsExactlyElementsOf(ids(readers.stream()));

        db.inTenant(org, Actor.system(), tx -> {
            tx.memberships().add(joiner.id(), OrgRole.MEMBER);
            return tx.assignments().assign(reading.id(), joiner.id());
        });
        assertThat(itemsOf(allPages(this::readersPage, 2))).as("committed")
                .containsExactlyElementsOf(ids(Stream.concat(readers.stream(), Stream.of(joiner))));
    }

    @Test
    void anotherOrganizationsUsersAndGrantsNeverAppear() {
        OrgId other = data.org().id();
        db.tenant(other).entitlements().entitle(module.id());
        Role otherReading = fx.role(other, Grant.allow(invoices, "read"), Grant.allow(invoices, "approve"));
        User outsider = data.member(other);
        fx.assign(other, otherReading, outsider);
        db.tenant(other).memberships().add(early.id(), OrgRole.MEMBER);
        fx.assign(other, otherReading, early);                      // may read there, not here
        db.tenant(other).memberships().add(readers.get(0).id(), OrgRole.MEMBER);
        fx.assign(other, fx.role(other, Grant.deny(invoices, "read")), readers.get(0));   // a deny there changes nothing here

        assertThat(itemsOf(allPages(this::readersPage, 2))).containsExactlyElementsOf(ids(readers.stream()));
        assertThat(lookups().usersWhoCan(invoices.id(), "approve", PageRequest.first()).items()).isEmpty();
        assertThat(lookups().permissionsOf(early.id(), PageRequest.first()).items()).isEmpty();
        assertThat(lookups().permissionsOf(outsider.id(), PageRequest.first()).items()).isEmpty();
        assertThat(db.tenant(other).lookups().usersWhoCan(invoices.id(), "read", PageRequest.first()).items())
                .containsExactlyElementsOf(ids(Stream.of(early, outsider)));
        assertThat(db.tenant(other).lookups().permissionsOf(early.id(), PageRequest.first()).items())
                .containsExactly(Permission.of(invoices.id(), "approve"), Permission.of(invoices.id(), "read"))
                .isSorted();
    }
}
