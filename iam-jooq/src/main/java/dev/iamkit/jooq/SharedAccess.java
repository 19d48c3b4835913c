package dev.iamkit.jooq;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.iamkit.error.StorageException;
import dev.iamkit.model.Permission;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The store's copies of what the members of an organization share in a compile of their access
 * (V34, V35): the organization's status, its entitled modules and their earliest expiry, its role
 * inclusions, and the folded grants of the roles compiles have reached. A copy is named by the counters it was read at (the
 * organization's access revision and the catalog epoch); every compile passes them, and the server
 * uses the copy only when both are the ones its snapshot reads, so a copy never answers for another
 * state of those rows. Otherwise the server sends the shared parts again and the copy is replaced.
 *
 * <p>Bounded: at most {@link #MAX_ROLES} roles an organization, and {@link #MAX_WEIGHT} array
 * elements (grants, views, modules) over all organizations, the least recently used dropped first.
 * A copy dropped or never made costs the next compile the shared parts, never an answer.
 */
final class SharedAccess {
    /** The roles a copy keeps at most: the rows of further roles are sent by every compile that reaches them. */
    static final int MAX_ROLES = 256;
    /** The array elements all copies hold at most (a few tens of bytes each). */
    static final long MAX_WEIGHT = 250_000;
    /** The counters a store without a copy asks with: none is negative, so the server always sends the shared parts. */
    static final long NONE = -1;

    /** One role's grants, folded (V25) and parsed: allowed and denied pairs, allowed and denied views. */
    record RoleGrants(Permission[] allowed, Permission[] denied, UUID[] allowedViews, UUID[] deniedViews) {
        int weight() {
            return allowed.length + denied.length + allowedViews.length + deniedViews.length;
        }
    }

    /**
     * The shared parts at {@code access} and {@code epoch}, read at {@code readAt}: valid for a compile
     * at an instant from {@code readAt} until {@code entitledUntil} (the earliest expiry of an
     * entitlement after {@code readAt}; null: none), since the entitled modules are those unexpired
     * at {@code readAt}. {@code inclusions}: the organization's role inclusions, each including role
     * with the roles it includes directly. {@code have} is the text form of the roles' ids, as the
     * compile passes them.
     */
    static final class Copy {
        private final long access;
        private final long epoch;
        private final Instant readAt;
        private final boolean open;
        private final UUID[] entitledModules;
        private final Instant entitledUntil;
        private final Map<UUID, UUID[]> inclusions;
        private final Map<UUID, RoleGrants> roles;
        private final String have;

        Copy(long access, long epoch, Instant readAt, boolean open, UUID[] entitledModules, Instant entitledUntil,
                Map<UUID, UUID[]> inclusions, Map<UUID, RoleGrants> roles) {
            this.access = access;
            this.epoch = epoch;
            this.readAt = readAt;
            this.open = open;
            this.entitledModules = entitledModules;
            this.entitledUntil = entitledUntil;
            this.inclusions = Map.copyOf(inclusions);
            this.roles = Map.copyOf(roles);
            this.have = ids(this.roles);
        }

        /** The inclusions as the compile sends them: {@code includers[i]} includes {@code included[i]}. */
        static Map<UUID, UUID[]> inclusions(UUID[] includers, UUID[] included) {
            if (includers.length != included.length) {
                throw new StorageException(StorageException.Kind.REJECTED, "the access compile returned inclusions that do not pair");
            }
            Map<UUID, List<UUID>> by = new HashMap<>();
            for (int i = 0; i < includers.length; i++) {
                by.computeIfAbsent(includers[i], k -> new ArrayList<>()).add(included[i]);
            }
            Map<UUID, UUID[]> out = new HashMap<>();
            by.forEach((k, v) -> out.put(k, v.toArray(UUID[]::new)));
            return out;
        }

        /** The roles {@code direct} reach: themselves and, through the inclusions, every role they include (held_roles' rules, V6). */
        Set<UUID> reach(UUID[] direct) {
            Set<UUID> reached = new LinkedHashSet<>();
            ArrayDeque<UUID> next = new ArrayDeque<>();
            for (UUID r : direct) {
                if (reached.add(r)) {
                    next.add(r);
                }
            }
            while (!next.isEmpty()) {
                UUID[] included = inclusions.get(next.poll());
                if (included != null) {
                    for (UUID r : included) {
                        if (reached.add(r)) {
                            next.add(r);
                        }
                    }
                }
            }
            return reached;
        }

        Map<UUID, UUID[]> inclusions() {
            return inclusions;
        }

        long access() {
            return access;
        }

        long epoch() {
            return epoch;
        }

        boolean open() {
            return open;
        }

        Instant readAt() {
            return readAt;
        }

        UUID[] entitledModules() {
            return entitledModules;
        }

        Instant entitledUntil() {
            return entitledUntil;
        }

        Map<UUID, RoleGrants> roles() {
            return roles;
        }

        String have() {
            return have;
        }

        boolean usableAt(Instant at) {
            return !at.isBefore(readAt) && (entitledUntil == null || at.isBefore(entitledUntil));
        }

        /** This copy with {@code more} roles, as far as {@link #MAX_ROLES} allows. */
        Copy with(Map<UUID, RoleGrants> more) {
            if (roles.size() >= MAX_ROLES || roles.keySet().containsAll(more.keySet())) {
                return this;
            }
            Map<UUID, RoleGrants> all = new HashMap<>(roles);
            for (Map.Entry<UUID, RoleGrants> e : more.entrySet()) {
                if (all.size() >= MAX_ROLES) {
                    break;
                }
                all.putIfAbsent(e.getKey(), e.getValue());
            }
            return new Copy(access, epoch, readAt, open, entitledModules, entitledUntil, inclusions, all);
        }

        int weight() {
            int w = 1 + entitledModules.length;
            for (UUID[] included : inclusions.values()) {
                w += 1 + included.length;
            }
            for (RoleGrants g : roles.values()) {
                w += 1 + g.weight();
            }
            return w;
        }

        private static String ids(Map<UUID, RoleGrants> roles) {
            StringBuilder b = new StringBuilder(2 + 37 * roles.size()).append('{');
            for (UUID id : roles.keySet()) {
                if (b.length() > 1) {
                    b.append(',');
                }
                b.append(id);
            }
            return b.append('}').toString();
        }
    }

    private final Cache<UUID, Copy> copies = Caffeine.newBuilder()
            .maximumWeight(MAX_WEIGHT)
            .weigher((UUID org, Copy c) -> c.weight())
            .build();

    /** The copy of organization {@code org} that a compile at {@code at} may offer; null: none. */
    Copy usable(UUID org, Instant at) {
        Copy c = copies.getIfPresent(org);
        return c != null && c.usableAt(at) ? c : null;
    }

    /**
     * Keeps {@code fresh}, read by a compile: it replaces a copy at older counters, adds its roles to
     * one at the same counters (the server sent only roles the copy lacked, in a snapshot at those
     * counters), and leaves one at newer counters alone.
     */
    void keep(UUID org, Copy fresh) {
        copies.asMap().merge(org, fresh, (old, neu) -> {
            if (old.access() == neu.access() && old.epoch() == neu.epoch()) {
                Copy later = neu.readAt().isAfter(old.readAt()) ? neu : old;
                return later.with(later == neu ? old.roles() : neu.roles());
            }
            return neu.access() >= old.access() && neu.epoch() >= old.epoch() ? neu : old;
        });
    }
}
