package dev.iamkit.authz;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.Permission;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The (feature, action) pairs of a {@link CompiledAccess}, packed so that a check reads two flat
 * arrays and compares no object but the action's name:
 * <ul>
 *   <li>{@code names}: the distinct action names, interned, in an open-addressing table by hash
 *       (capacity a power of two, at least twice their number, so a probe always meets a gap); an
 *       action's bit is its slot; one table per set of names, shared;</li>
 *   <li>{@code features}: an open-addressing table by feature id, each slot {@code stride} longs:
 *       the id's two halves, then a bit mask over the slots of {@code names} ({@code (names.length
 *       + 63) / 64} words); a slot whose masks are all zero is free (every granted feature has at
 *       least one action).</li>
 * </ul>
 * The arrays are never written once packed, and are shared by the accesses of equal permission sets. Static methods over the two arrays let
 * a cache entry hold them directly, one object fewer between the key and the answer.
 */
final class PermissionIndex {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    /** The arrays of every permission set some live access holds ({@link CompiledAccess} holds its {@link Packed}). */
    private static final Cache<Set<Permission>, Packed> SHARED = Caffeine.newBuilder().weakValues().build();
    /** The name tables of every set of action names some live packing holds: far fewer sets of names than of permissions. */
    private static final Cache<Set<String>, String[]> NAMES = Caffeine.newBuilder().weakValues().build();

    private PermissionIndex() {
    }

    /** The two arrays: {@code features} then {@code names}. */
    record Packed(long[] features, String[] names) {
    }

    /**
     * Packs {@code permissions}, whose actions are already valid names, sharing the arrays with
     * every live access of the same permissions: users who hold the same roles hold the same
     * permissions, and one copy of their arrays stays in the processor's caches where thousands
     * would not.
     *
     * @param permissions never changed afterwards (it is kept as the key of the shared arrays)
     */
    static Packed of(Set<Permission> permissions) {
        return SHARED.get(permissions, PermissionIndex::pack);
    }

    private static Packed pack(Collection<Permission> permissions) {
        Set<String> distinct = new LinkedHashSet<>();
        Map<FeatureId, Set<String>> byFeature = new LinkedHashMap<>();
        for (Permission p : permissions) {
            distinct.add(p.action());
            byFeature.computeIfAbsent(p.featureId(), k -> new LinkedHashSet<>()).add(p.action());
        }
        String[] names = NAMES.get(Set.copyOf(distinct), PermissionIndex::nameTable);
        int stride = stride(names);
        int slots = capacity(byFeature.size());
        long[] features = new long[slots * stride];
        for (Map.Entry<FeatureId, Set<String>> f : byFeature.entrySet()) {
            UUID id = f.getKey().value();
            int i = hash(id.getMostSignificantBits(), id.getLeastSignificantBits()) & (slots - 1);
            while (!free(features, i * stride, stride)) {
                i = (i + 1) & (slots - 1);
            }
            int b = i * stride;
            features[b] = id.getMostSignificantBits();
            features[b + 1] = id.getLeastSignificantBits();
            for (String a : f.getValue()) {
                int bit = slotOf(names, a);
                features[b + 2 + (bit >>> 6)] |= 1L << bit;
            }
        }
        return new Packed(features, names);
    }

    private static String[] nameTable(Set<String> distinct) {
        String[] names = new String[capacity(distinct.size())];
        for (String a : new TreeSet<>(distinct)) {   // in order: equal sets make equal tables
            String name = a.intern();   // one instance per name in the process: a check compares it by reference first
            int i = spread(name.hashCode()) & (names.length - 1);
            while (names[i] != null) {
                i = (i + 1) & (names.length - 1);
            }
            names[i] = name;
        }
        return names;
    }

    /** Whether {@code action} on {@code feature} is among the packed pairs; a null action is not. */
    static boolean allows(long[] features, String[] names, FeatureId feature, String action) {
        int bit = action == null ? -1 : slotOf(names, action);
        if (bit < 0) {
            return false;
        }
        UUID id = feature.value();
        long msb = id.getMostSignificantBits();
        long lsb = id.getLeastSignificantBits();
        int stride = stride(names);
        int mask = features.length / stride - 1;
        for (int i = hash(msb, lsb) & mask; ; i = (i + 1) & mask) {
            int b = i * stride;
            boolean free = free(features, b, stride);
            if (free) {
                return false;
            }
            if (features[b] == msb && features[b + 1] == lsb) {
                return (features[b + 2 + (bit >>> 6)] >>> bit & 1) != 0;
            }
        }
    }

    /** The slot of {@code action} in {@code names}, or -1 when no permission names it. */
    private static int slotOf(String[] names, String action) {
        int h = action.hashCode();
        int mask = names.length - 1;
        for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
            String n = names[i];
            if (n == null) {
                return -1;
            }
            if (n == action || (n.hashCode() == h && n.equals(action))) {
                return i;
            }
        }
    }

    private static boolean free(long[] features, int b, int stride) {
        for (int w = 2; w < stride; w++) {
            if (features[b + w] != 0) {
                return false;
            }
        }
        return true;
    }

    private static int stride(String[] names) {
        return 2 + ((names.length + 63) >>> 6);
    }

    /** A power of two at least twice {@code n}, and at least 2: open addressing always finds a gap. */
    private static int capacity(int n) {
        return Math.max(2, Integer.highestOneBit(Math.max(1, n) * 2 - 1) << 1);
    }

    private static int spread(int h) {
        return (h ^ (h >>> 16)) * 0x45d9f3b;
    }

    static int hash(long msb, long lsb) {
        long h = (msb ^ Long.rotateLeft(lsb, 29)) * GOLDEN;
        return (int) (h ^ (h >>> 32));
    }
}
