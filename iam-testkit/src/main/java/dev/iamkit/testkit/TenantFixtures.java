package dev.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.IamDatabase;
import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.StaleVersionException;
import dev.iamkit.error.TenantMismatchException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.AuditEvent;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Helpers shared by the tenant contract classes: exact assertions on the exception family and a
 * reader that walks every page of a keyset-paged list.
 */
final class TenantFixtures {
    private TenantFixtures() {
    }

    /**
     * An organization id that no store has made: a random version-4 UUID never equals a UUIDv7 the
     * library generates.
     */
    static OrgId unknownOrgId() {
        return OrgId.of(UUID.randomUUID());
    }

    /** Reads a paged list from the first page to the last, following each page's cursor. */
    static <T> List<Page<T>> allPages(Function<PageRequest, Page<T>> list, int limit) {
        List<Page<T>> pages = new ArrayList<>();
        Optional<PageRequest> request = Optional.of(PageRequest.first(limit));
        while (request.isPresent()) {
            Page<T> page = list.apply(request.get());
            pages.add(page);
            request = page.next();
            if (pages.size() > 10_000) {
                throw new AssertionError("paging did not end after 10000 pages");
            }
        }
        return pages;
    }

    static <T> List<T> itemsOf(List<Page<T>> pages) {
        List<T> out = new ArrayList<>();
        pages.forEach(p -> out.addAll(p.items()));
        return out;
    }

    /** The sizes of the pages, e.g. {@code [2, 2, 1]}. */
    static <T> List<Integer> sizesOf(List<Page<T>> pages) {
        return pages.stream().map(p -> p.items().size()).toList();
    }

    /** Every audit event of an organization, oldest first. */
    static List<AuditEvent> auditOf(IamDatabase db, OrgId org) {
        return itemsOf(allPages(r -> db.tenant(org).audit().list(r), PageRequest.MAX_LIMIT));
    }

    static void assertNotFound(ThrowingCallable call, String entity, Object id) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.entity()).as("entity of %s", e).isEqualTo(entity);
                    assertThat(e.id()).as("id of %s", e).isEqualTo(String.valueOf(id));
                });
    }

    static void assertValidation(ThrowingCallable call, String field) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.field()).as("field of %s", e).isEqualTo(field));
    }

    static void assertAlreadyExists(ThrowingCallable call, String entity, String field) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(AlreadyExistsException.class, e -> {
                    assertThat(e.entity()).as("entity of %s", e).isEqualTo(entity);
                    assertThat(e.field()).as("field of %s", e).isEqualTo(field);
                });
    }

    static void assertAlreadyExists(ThrowingCallable call, String entity, String field, Object value) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(AlreadyExistsException.class, e -> {
                    assertThat(e.entity()).as("entity of %s", e).isEqualTo(entity);
                    assertThat(e.field()).as("field of %s", e).isEqualTo(field);
                    assertThat(e.value()).as("value of %s", e).isEqualTo(String.valueOf(value));
                });
    }

    static void assertStale(ThrowingCallable call, String entity, Object id, long expectedVersion) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(StaleVersionException.class, e -> {
                    assertThat(e.entity()).as("entity of %s", e).isEqualTo(entity);
                    assertThat(e.id()).as("id of %s", e).isEqualTo(String.valueOf(id));
                    assertThat(e.expectedVersion()).as("expectedVersion of %s", e).isEqualTo(expectedVersion);
                });
    }

    static void assertTenantMismatch(ThrowingCallable call, OrgId scope, OrgId record) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(TenantMismatchException.class, e -> {
                    assertThat(e.scope()).as("scope of %s", e).isEqualTo(scope);
                    assertThat(e.record()).as("record of %s", e).isEqualTo(record);
                });
    }

    /** Thrown from inside transactional work to make it roll back. */
    static final class Abort extends RuntimeException {
        Abort() {
            super("work aborted by the test", null, false, false);
        }
    }
}
