package dev.iamkit.support;

import dev.iamkit.error.ValidationException;
import dev.iamkit.model.Validate;
import dev.iamkit.store.UsageCounters;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** The validation both stores apply to usage counters, so they refuse the same input. */
public final class Usage {
    private Usage() {
    }

    public static String metric(String metric) {
        return Validate.code("metric", metric);
    }

    /** Checks an increment's metric, day and amount; returns the metric as stored. */
    public static String increment(String metric, LocalDate day, long amount) {
        String m = metric(metric);
        day("day", day);
        amount(amount);
        return m;
    }

    public static long amount(long amount) {
        if (amount < 1) {
            throw new ValidationException("amount", "must be positive");
        }
        return amount;
    }

    public static LocalDate day(String field, LocalDate day) {
        Validate.notNull(field, day);
        if (day.isBefore(UsageCounters.FIRST_DAY) || day.isAfter(UsageCounters.LAST_DAY)) {
            throw new ValidationException(field, "must be between " + UsageCounters.FIRST_DAY + " and " + UsageCounters.LAST_DAY);
        }
        return day;
    }

    /** Today, as a UTC date of {@code clock}. */
    public static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** Checks a range's ends: {@code to} not before {@code from} and at most {@code RANGE_MAX_DAYS} after it. */
    public static void range(LocalDate from, LocalDate to) {
        day("from", from);
        day("to", to);
        if (to.isBefore(from)) {
            throw new ValidationException("to", "must not be before from");
        }
        if (ChronoUnit.DAYS.between(from, to) > UsageCounters.RANGE_MAX_DAYS) {
            throw new ValidationException("to", "must be at most " + UsageCounters.RANGE_MAX_DAYS + " days after from");
        }
    }

    public static ValidationException overflow() {
        return new ValidationException("amount", "would take the counter past " + Long.MAX_VALUE);
    }
}
