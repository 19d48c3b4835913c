package dev.iamkit.bench;

import dev.iamkit.error.ValidationException;
import java.util.Optional;

/**
 * One line of the benchmark table: what was measured, its figure and unit, and the target it is
 * held to with whether it met it (empty for lines without a target).
 */
public record BenchRow(String name, double value, String unit, String target, Optional<Boolean> met) {
    public BenchRow {
        if (name == null || unit == null || target == null || met == null) {
            throw new ValidationException("row", "a benchmark row needs a name, unit, target text and verdict");
        }
    }

    static BenchRow plain(String name, double value, String unit) {
        return new BenchRow(name, value, unit, "", Optional.empty());
    }

    static BenchRow atMost(String name, double value, String unit, double limit, String target) {
        return new BenchRow(name, value, unit, target, Optional.of(value <= limit));
    }

    static BenchRow atLeast(String name, double value, String unit, double floor, String target) {
        return new BenchRow(name, value, unit, target, Optional.of(value >= floor));
    }
}
