package dev.iamkit.memory;

import dev.iamkit.error.ValidationException;
import dev.iamkit.model.MenuItem;
import dev.iamkit.model.MenuItemId;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Organization;
import dev.iamkit.model.RoleId;
import dev.iamkit.snapshot.SnapshotRow;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * An import may not close a cycle of organization parents, menu parents or role inclusions, links
 * the API refuses one by one. Checked on the state the rows left, inside the import's transaction,
 * so a refusal undoes the import; the store never holds a cycle, so every new one passes through a
 * link the import wrote, and the walks start there.
 */
final class SnapshotCycles {
    private SnapshotCycles() {
    }

    static void refuse(MemoryState s, List<SnapshotRow> written) {
        for (SnapshotRow r : written) {
            switch (r.kind()) {
                case ORGANIZATION -> {
                    if (r.optionalUuid("parent_id").isPresent()) {
                        parents("parent_id", "organization", r.uuid("id"),
                                id -> Optional.ofNullable(s.organizations.get(OrgId.of(id))).flatMap(Organization::parentId).map(OrgId::value));
                    }
                }
                case MENU_ITEM -> {
                    if (r.optionalUuid("parent_id").isPresent()) {
                        parents("parent_id", "menu item", r.uuid("id"),
                                id -> Optional.ofNullable(s.menuItems.get(MenuItemId.of(id))).flatMap(MenuItem::parentId).map(MenuItemId::value));
                    }
                }
                case ROLE_INCLUSION -> {
                    TenantData d = s.tenants.get(OrgId.of(r.uuid("org_id")));
                    if (d != null && reaches(d, RoleId.of(r.uuid("included_role_id")), RoleId.of(r.uuid("role_id")))) {
                        throw new ValidationException("included_role_id", "role " + r.uuid("role_id") + " would include itself through role "
                                + r.uuid("included_role_id") + ": the snapshot's inclusions close a cycle");
                    }
                }
                default -> { }
            }
        }
    }

    /** Walks up from {@code start}; its parents must end at a root without coming back to it. */
    private static void parents(String field, String what, UUID start, Function<UUID, Optional<UUID>> parent) {
        Set<UUID> seen = new HashSet<>();
        for (Optional<UUID> p = parent.apply(start); p.isPresent(); p = parent.apply(p.get())) {
            if (p.get().equals(start) || !seen.add(p.get())) {
                throw new ValidationException(field, what + " " + start + " would be its own ancestor: the snapshot's parents close a cycle");
            }
        }
    }

    /** Whether {@code from} includes {@code to}, directly or through other roles. */
    private static boolean reaches(TenantData d, RoleId from, RoleId to) {
        Set<RoleId> seen = new HashSet<>();
        Deque<RoleId> next = new ArrayDeque<>(List.of(from));
        while (!next.isEmpty()) {
            RoleId r = next.pop();
            if (r.equals(to)) {
                return true;
            }
            if (seen.add(r)) {
                next.addAll(d.inclusions.getOrDefault(r, new TreeSet<>()));
            }
        }
        return false;
    }
}
