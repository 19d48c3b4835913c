package dev.iamkit.catalog;

import dev.iamkit.model.Validate;
import java.util.List;

/**
 * What applying a catalog file changes (or changed): entries to create, to update (field by
 * field, old to new), to delete (only when pruning), and those kept because the file does not
 * name them. In a stable order: modules, features and views by code (their links as fields),
 * the menu from the top down, then each organization's roles by code.
 */
public record CatalogPlan(List<PlannedChange> changes) {
    public CatalogPlan {
        changes = List.copyOf(Validate.notNull("changes", changes));
    }

    /** True when applying would change nothing (entries only kept do not count). */
    public boolean isEmpty() {
        return changes.stream().allMatch(c -> c.action() == PlannedChange.Action.KEEP);
    }

    public long count(PlannedChange.Action action) {
        return changes.stream().filter(c -> c.action() == action).count();
    }

    /**
     * The plan as text, one line per entry ({@code +} create, {@code ~} update, {@code -} delete,
     * {@code =} kept), each changed field indented below it, and a summary line last.
     */
    public String render() {
        StringBuilder out = new StringBuilder();
        for (PlannedChange c : changes) {
            String mark = switch (c.action()) {
                case CREATE -> "+ ";
                case UPDATE -> "~ ";
                case DELETE -> "- ";
                case KEEP -> "= ";
            };
            out.append(mark).append(c.kind()).append(' ').append(c.key());
            if (c.action() == PlannedChange.Action.KEEP) {
                out.append(" (kept, not in file)");
            }
            out.append('\n');
            for (FieldChange f : c.fields()) {
                out.append("    ").append(f.field()).append(": ");
                out.append(c.action() == PlannedChange.Action.CREATE ? f.after() : f.before() + " -> " + f.after()).append('\n');
            }
        }
        out.append(String.format("plan: %d to create, %d to change, %d to remove, %d kept%n", count(PlannedChange.Action.CREATE),
                count(PlannedChange.Action.UPDATE), count(PlannedChange.Action.DELETE), count(PlannedChange.Action.KEEP)));
        return out.toString();
    }
}
