package dev.iamkit.model;

import dev.iamkit.error.ValidationException;
import java.util.Optional;
import java.util.UUID;

/**
 * Asks for one page of a keyset-paged list: at most {@code limit} items that come after the
 * opaque {@code after} cursor (taken from {@link Page#nextCursor()} of the previous page).
 * Keyset paging stays correct while rows are inserted or deleted between pages.
 */
public record PageRequest(int limit, Optional<String> after) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ValidationException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        after = Validate.present("after", after);
        after.ifPresent(a -> Validate.text("after", a, 1, 100));
    }

    public static PageRequest first() {
        return new PageRequest(DEFAULT_LIMIT, Optional.empty());
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, Optional.empty());
    }

    public static PageRequest after(String cursor, int limit) {
        return new PageRequest(limit, Optional.of(cursor));
    }

    /** The cursor as the UUID it encodes, for lists ordered by id. */
    public Optional<UUID> afterUuid() {
        return after.map(a -> {
            try {
                return Ids.parse("after", a);
            } catch (ValidationException e) {
                throw new ValidationException("after", "is not a cursor of this list");
            }
        });
    }

    /**
     * The cursor of a list ordered by {@link Permission}: the last permission of a page, as
     * {@code <feature id>:<action>}.
     */
    public static String cursorOf(Permission last) {
        Validate.notNull("after", last);
        return last.featureId().value() + ":" + last.action();
    }

    /** The cursor as the permission it encodes ({@link #cursorOf(Permission)}), for lists ordered by permission. */
    public Optional<Permission> afterPermission() {
        return after.map(a -> {
            int colon = a.indexOf(':');
            try {
                if (colon < 0) {
                    throw new ValidationException("after", "has no action");
                }
                return new Permission(new FeatureId(Ids.parse("after", a.substring(0, colon))), a.substring(colon + 1));
            } catch (ValidationException e) {
                throw new ValidationException("after", "is not a cursor of this list");
            }
        });
    }

    /** The cursor as the number it encodes, for lists ordered by a sequence. */
    public Optional<Long> afterLong() {
        return after.map(a -> {
            try {
                long v = Long.parseLong(a);
                if (v < 0) {
                    throw new NumberFormatException();
                }
                return v;
            } catch (NumberFormatException e) {
                throw new ValidationException("after", "is not a cursor of this list");
            }
        });
    }
}
