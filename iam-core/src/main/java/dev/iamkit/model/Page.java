package dev.iamkit.model;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a list. {@code nextCursor} is present exactly when more items followed the last one
 * at the time the page was read.
 */
public record Page<T>(List<T> items, Optional<String> nextCursor, int limit) {
    public Page {
        items = List.copyOf(items);
        nextCursor = Validate.string("nextCursor", nextCursor);
    }

    /**
     * Builds a page from up to {@code limit + 1} rows read in order: the extra row, if there, only
     * says that another page exists.
     */
    public static <T> Page<T> fromOverfetch(List<T> rows, int limit, Function<T, String> cursorOf) {
        if (rows.size() <= limit) {
            return new Page<>(rows, Optional.empty(), limit);
        }
        List<T> kept = rows.subList(0, limit);
        return new Page<>(kept, Optional.of(cursorOf.apply(kept.get(limit - 1))), limit);
    }

    public boolean hasNext() {
        return nextCursor.isPresent();
    }

    /** The request for the following page, with the same limit; empty on the last page. */
    public Optional<PageRequest> next() {
        return nextCursor.map(c -> PageRequest.after(c, limit));
    }
}
