package dev.iamkit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.error.ValidationException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PageTest {

    @Test
    void overfetchedRowMeansAnotherPage() {
        Page<Integer> p = Page.fromOverfetch(List.of(1, 2, 3), 2, String::valueOf);
        assertThat(p.items()).containsExactly(1, 2);
        assertThat(p.nextCursor()).contains("2");
        assertThat(p.next()).contains(PageRequest.after("2", 2));
    }

    @Test
    void exactFitIsTheLastPage() {
        Page<Integer> p = Page.fromOverfetch(List.of(1, 2), 2, String::valueOf);
        assertThat(p.hasNext()).isFalse();
        assertThat(p.next()).isEmpty();
    }

    @Test
    void limitsAreChecked() {
        assertThatThrownBy(() -> PageRequest.first(0)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> PageRequest.first(1001)).isInstanceOf(ValidationException.class);
        assertThat(PageRequest.first(1000).limit()).isEqualTo(1000);
    }

    @Test
    void cursorsOfTheWrongKindAreRejectedOnAfter() {
        assertThatThrownBy(() -> PageRequest.after("12", 10).afterUuid())
                .isInstanceOf(ValidationException.class)
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("after");
        assertThatThrownBy(() -> PageRequest.after("x", 10).afterLong()).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> PageRequest.after("-1", 10).afterLong()).isInstanceOf(ValidationException.class);
        assertThat(PageRequest.after("42", 10).afterLong()).contains(42L);
    }

    @Test
    void permissionCursorsRoundTripAndOtherCursorsAreRejected() {
        Permission p = Permission.of(FeatureId.of(UUID.fromString("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")), "approve.all");
        String cursor = PageRequest.cursorOf(p);

        assertThat(PageRequest.after(cursor, 5).afterPermission()).contains(p);
        for (String wrong : List.of("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", "x:read", "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b:Read",
                "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b:")) {
            assertThatThrownBy(() -> PageRequest.after(wrong, 5).afterPermission())
                    .as(wrong)
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("after"));
        }
        assertThatThrownBy(() -> PageRequest.after(cursor, 5).afterUuid()).isInstanceOf(ValidationException.class);
    }
}
