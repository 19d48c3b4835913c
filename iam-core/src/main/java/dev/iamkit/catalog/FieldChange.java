package dev.iamkit.catalog;

import dev.iamkit.model.Validate;

/** One field of a planned change, as text: its value in the store ({@code before}, empty for a new entry) and in the file. */
public record FieldChange(String field, String before, String after) {
    public FieldChange {
        field = Validate.string("field", field);
        before = Validate.string("before", before);
        after = Validate.string("after", after);
    }
}
