package dev.iamkit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.error.ValidationException;
import java.util.List;
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
}
