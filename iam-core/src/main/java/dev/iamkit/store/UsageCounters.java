package dev.iamkit.store;

import dev.iamkit.model.UsageValue;
import java.time.LocalDate;
import java.util.List;

/**
 * Per-day sums of named metrics in the scope's organization (API calls, emails sent, ...). Days
 * are UTC dates. Increments are atomic: concurrent ones all count. Not access data: an increment
 * writes no audit event and does not move the organization's revision. May throw
 * {@link dev.iamkit.error.StorageException}.
 */
public interface UsageCounters {

    /** The earliest and latest day a counter may be kept for. */
    LocalDate FIRST_DAY = LocalDate.of(1, 1, 1);
    LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);

    /** The most days one {@link #range} call may span. */
    int RANGE_MAX_DAYS = 366;

    /**
     * Adds {@code amount} to the metric's counter of today (the UTC date of the store's clock) and
     * returns the counter's new value.
     *
     * @throws dev.iamkit.error.ValidationException as {@link #increment(String, LocalDate, long)}
     * @throws dev.iamkit.error.NotFoundException ({@code organization}) when the organization does not exist
     */
    long increment(String metric, long amount);

    /**
     * Adds {@code amount} to the metric's counter of {@code day} and returns its new value.
     *
     * @throws dev.iamkit.error.ValidationException on {@code metric} when it is not a code
     *         ({@code a-z 0-9 _ . -}, 2 to 64, starting with a letter); on {@code amount} when it
     *         is not positive, or would take the counter past {@code Long.MAX_VALUE}; on {@code day}
     *         when null or outside {@link #FIRST_DAY}..{@link #LAST_DAY}. Nothing is counted then.
     * @throws dev.iamkit.error.NotFoundException ({@code organization}) when the organization does not exist
     */
    long increment(String metric, LocalDate day, long amount);

    /**
     * The metric's counters from {@code from} to {@code to}, both included, oldest first. Days
     * nothing was counted on are absent (not listed as zero). Empty, never null, for an unknown
     * metric or organization.
     *
     * @throws dev.iamkit.error.ValidationException on {@code metric} as above; on {@code from} or
     *         {@code to} when null or outside the days above; on {@code to} when it is before
     *         {@code from} or more than {@link #RANGE_MAX_DAYS} days after it
     */
    List<UsageValue> range(String metric, LocalDate from, LocalDate to);
}
