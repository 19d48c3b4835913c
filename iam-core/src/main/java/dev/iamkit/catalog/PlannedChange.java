package dev.iamkit.catalog;

import dev.iamkit.model.Validate;
import java.util.List;

/**
 * One entry of a plan: what ({@code kind}, e.g. {@code module}, {@code role}), which
 * ({@code key}: a code, a menu path such as {@code Sales/Invoices}, or {@code acme:clerk} for an
 * organization's role), the action, and for a creation or a change its fields.
 */
public record PlannedChange(Action action, String kind, String key, List<FieldChange> fields) {
    /** What applying does with the entry. {@code KEEP}: in the store, not in the file, left alone (no pruning). */
    public enum Action { CREATE, UPDATE, DELETE, KEEP }

    public PlannedChange {
        Validate.notNull("action", action);
        kind = Validate.string("kind", kind);
        key = Validate.string("key", key);
        fields = List.copyOf(Validate.notNull("fields", fields));
    }
}
