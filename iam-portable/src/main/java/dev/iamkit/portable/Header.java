package dev.iamkit.portable;

import dev.iamkit.model.Validate;
import java.time.Instant;

/**
 * The first line of a snapshot file: what it is, which version of the format, what it holds,
 * which library wrote it, from which schema version, and when.
 */
public record Header(String format, long version, String scope, String library, String schema, Instant exportedAt) {
    /** The value of {@code format}. */
    public static final String FORMAT = "iamkit-snapshot";
    /** The version this library writes and reads. */
    public static final long VERSION = 1;

    public Header {
        Validate.notNull("format", format);
        Validate.notNull("scope", scope);
        Validate.notNull("library", library);
        Validate.notNull("schema", schema);
        Validate.notNull("exported_at", exportedAt);
    }
}
