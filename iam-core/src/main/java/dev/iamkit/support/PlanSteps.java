package dev.iamkit.support;

import dev.iamkit.catalog.FieldChange;
import dev.iamkit.catalog.PlannedChange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a diff of a catalog file against a store collects: the plan's entries and, in the order
 * they must run, the steps that make the store match. Internal to the stores.
 */
final class PlanSteps {
    /** Steps in phases, so that what a step needs was made by an earlier phase. */
    enum Phase { DELETE_MENU, DELETE_ENTRIES, WRITE_ENTRIES, LINKS, MENU, DELETE_VIEWS }

    final List<PlannedChange> changes = new ArrayList<>();
    private final List<List<Runnable>> steps = new ArrayList<>();

    PlanSteps() {
        for (int i = 0; i < Phase.values().length; i++) {
            steps.add(new ArrayList<>());
        }
    }

    void step(Phase phase, Runnable step) {
        steps.get(phase.ordinal()).add(step);
    }

    void run() {
        steps.forEach(phase -> phase.forEach(Runnable::run));
    }

    void add(PlannedChange.Action action, String kind, String key, List<FieldChange> fields) {
        changes.add(new PlannedChange(action, kind, key, fields));
    }

    /** Adds a field change when {@code before} and {@code after} differ. */
    static void field(List<FieldChange> out, String name, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            out.add(new FieldChange(name, text(before), text(after)));
        }
    }

    /** The fields of a new entry: each with its value. */
    static void created(List<FieldChange> out, String name, Object value) {
        out.add(new FieldChange(name, "", text(value)));
    }

    /** A value as the plan shows it: text quoted, a list in brackets, nothing as {@code -}. */
    static String text(Object value) {
        if (value instanceof Optional<?> o) {
            return o.map(PlanSteps::text).orElse("-");
        }
        if (value instanceof String s) {
            return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(value);
    }
}
