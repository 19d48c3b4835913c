package dev.iamkit.model;

import java.time.LocalDate;

/** How much of a metric an organization used on one UTC day. */
public record UsageValue(LocalDate day, long value) {
    public UsageValue {
        Validate.notNull("day", day);
    }
}
