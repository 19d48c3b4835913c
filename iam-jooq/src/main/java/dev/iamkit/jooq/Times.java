package dev.iamkit.jooq;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** Conversions between the API's {@code Instant} and jOOQ's {@code OffsetDateTime} for timestamptz. */
final class Times {
    private Times() {
    }

    static OffsetDateTime db(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    static OffsetDateTime db(Optional<Instant> i) {
        return i.map(Times::db).orElse(null);
    }

    static Instant api(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    static Optional<Instant> opt(OffsetDateTime t) {
        return Optional.ofNullable(t).map(OffsetDateTime::toInstant);
    }
}
