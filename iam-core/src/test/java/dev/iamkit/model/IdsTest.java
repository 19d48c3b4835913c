package dev.iamkit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.error.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void uuid7IdsAreVersion7AndStrictlyIncreasingEvenWithAStoppedClock() {
        Clock stopped = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(Uuid7.next(stopped));
        }
        for (int i = 1; i < ids.size(); i++) {
            assertThat(Ids.compare(ids.get(i - 1), ids.get(i))).isNegative();
        }
        assertThat(ids).allSatisfy(u -> {
            assertThat(u.version()).isEqualTo(7);
            assertThat(u.variant()).isEqualTo(2);
        });
        assertThat(new HashSet<>(ids)).hasSize(ids.size());
    }

    @Test
    void uuid7CarriesTheClockMillis() {
        Instant t = Instant.parse("2031-06-01T12:00:00Z");
        UUID u = Uuid7.next(Clock.fixed(t, ZoneOffset.UTC));
        assertThat(u.getMostSignificantBits() >>> 16).isGreaterThanOrEqualTo(t.toEpochMilli());
    }

    @Test
    void compareIsUnsignedLikePostgres() {
        UUID low = UUID.fromString("00000000-0000-0000-0000-000000000000");
        UUID high = UUID.fromString("ffffffff-0000-0000-0000-000000000000");
        assertThat(Ids.compare(low, high)).isNegative();
        assertThat(low.compareTo(high)).isPositive(); // why Ids.compare exists
    }

    @Test
    void parseNamesTheField() {
        assertThatThrownBy(() -> RoleId.parse("nope"))
                .isInstanceOf(ValidationException.class)
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("roleId");
        UUID u = UUID.randomUUID();
        assertThat(OrgId.parse(u.toString()).value()).isEqualTo(u);
    }

    @Test
    void nullIdIsAValidationError() {
        assertThatThrownBy(() -> new UserId(null)).isInstanceOf(ValidationException.class);
    }
}
