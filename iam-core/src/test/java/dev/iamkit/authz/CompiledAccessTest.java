package dev.iamkit.authz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.model.OrgId;
import dev.iamkit.model.UserId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CompiledAccessTest {
    private static CompiledAccess until(Instant t) {
        return new CompiledAccess(new OrgId(UUID.randomUUID()), new UserId(UUID.randomUUID()), 1, 1, Optional.of(t), new TreeSet<>(), Map.of(),
                new TreeSet<>());
    }

    /** PostgreSQL's infinity reaches the store as the largest time the driver knows, past the range of epoch milliseconds. */
    @Test
    void anExpiryAtTheEndsOfTimeIsKeptAsTheEndsOfTheRange() {
        assertThat(until(OffsetDateTime.MAX.toInstant()).validUntilMillis()).isEqualTo(Long.MAX_VALUE);
        assertThat(until(Instant.MAX).validUntilMillis()).isEqualTo(Long.MAX_VALUE);
        assertThat(until(OffsetDateTime.MIN.toInstant()).validUntilMillis()).isEqualTo(Long.MIN_VALUE);
        assertThat(until(Instant.ofEpochMilli(1234)).validUntilMillis()).isEqualTo(1234);
    }
}
