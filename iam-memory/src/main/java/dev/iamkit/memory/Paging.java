package dev.iamkit.memory;

import dev.iamkit.model.Id;
import dev.iamkit.model.Ids;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Validate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/** Keyset paging over sorted collections, with the cursors the PostgreSQL store uses: the last id, or the last seq. */
final class Paging {
    private Paging() {
    }

    /** A page of a map sorted by id, keeping the values that pass {@code keep}. */
    static <K extends Id<K>, V> Page<V> byId(NavigableMap<K, V> map, PageRequest page, Function<UUID, K> idOf,
                                             Predicate<V> keep, Function<V, K> keyOf) {
        Validate.notNull("page", page);
        Collection<V> from = page.afterUuid().map(a -> map.tailMap(idOf.apply(a), false)).orElse(map).values();
        return overfetch(from, page.limit(), keep, v -> keyOf.apply(v).value().toString());
    }

    /** A page of a map sorted by id, newest (highest id) first; the cursor is the last id of a page. */
    static <K extends Id<K>, V> Page<V> newestFirst(NavigableMap<K, V> map, PageRequest page, Function<UUID, K> idOf) {
        Validate.notNull("page", page);
        NavigableMap<K, V> from = page.afterUuid().map(a -> map.headMap(idOf.apply(a), false)).orElse(map).descendingMap();
        List<Map.Entry<K, V>> rows = from.entrySet().stream().limit(page.limit() + 1L).toList();
        Page<Map.Entry<K, V>> keyed = Page.fromOverfetch(rows, page.limit(), e -> e.getKey().value().toString());
        return new Page<>(keyed.items().stream().map(Map.Entry::getValue).toList(), keyed.nextCursor(), keyed.limit());
    }

    /** A page of values already in key order, where {@code uuidOf} gives each one's key. */
    static <V> Page<V> byUuid(Collection<V> sorted, PageRequest page, Function<V, UUID> uuidOf) {
        Validate.notNull("page", page);
        Optional<UUID> after = page.afterUuid();
        Predicate<V> keep = v -> after.isEmpty() || Ids.compare(uuidOf.apply(v), after.get()) > 0;
        return overfetch(sorted, page.limit(), keep, v -> uuidOf.apply(v).toString());
    }

    /** A page of a sorted set of keys: those after {@code after}, the key the request's cursor decodes to. */
    static <V> Page<V> ofKeys(NavigableSet<V> sorted, Optional<V> after, int limit, Function<V, String> cursorOf) {
        Collection<V> from = after.<Collection<V>>map(a -> sorted.tailSet(a, false)).orElse(sorted);
        return overfetch(from, limit, v -> true, cursorOf);
    }

    private static <V> Page<V> overfetch(Collection<V> from, int limit, Predicate<V> keep, Function<V, String> cursorOf) {
        List<V> rows = new ArrayList<>(Math.min(limit + 1, 64));
        for (V v : from) {
            if (keep.test(v)) {
                rows.add(v);
                if (rows.size() > limit) {
                    break;
                }
            }
        }
        return Page.fromOverfetch(rows, limit, cursorOf);
    }
}
