package dev.iamkit.jooq;

import dev.iamkit.error.ValidationException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * An import may not close a cycle of organization parents, menu parents or role inclusions, links
 * the API refuses one by one ({@link SnapshotWriter} asks once every row is in, in the import's
 * transaction, so a refusal rolls the import back). The store never holds a cycle, so every new one
 * passes through a link the import wrote, and the walks start there. Plain reads by key, run in
 * the scope the caller set: the same on Citus.
 */
final class SnapshotCycles {
    private SnapshotCycles() {
    }

    /**
     * {@code links} are (child, parent) pairs the import set in {@code table}; each child's parents,
     * read a level of the hierarchy at a time, must end at a root without coming back to it.
     */
    static void parents(Connection c, String schema, String table, String what, List<UUID[]> links) throws SQLException {
        Map<UUID, UUID> parentOf = new HashMap<>();
        Set<UUID> frontier = new HashSet<>();
        for (UUID[] l : links) {
            parentOf.put(l[0], l[1]);
        }
        for (UUID[] l : links) {
            if (!parentOf.containsKey(l[1])) {
                frontier.add(l[1]);
            }
        }
        String read = "SELECT id, parent_id FROM \"" + schema + "\"." + table + " WHERE id = ANY (?)";
        try (PreparedStatement st = c.prepareStatement(read)) {
            while (!frontier.isEmpty()) {
                st.setArray(1, c.createArrayOf("uuid", frontier.toArray()));
                Set<UUID> next = new HashSet<>();
                for (UUID id : frontier) {
                    parentOf.put(id, null);     // a root, unless the read names its parent
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        UUID parent = rs.getObject(2, UUID.class);
                        parentOf.put(rs.getObject(1, UUID.class), parent);
                        if (parent != null && !parentOf.containsKey(parent)) {
                            next.add(parent);
                        }
                    }
                }
                frontier = next;
            }
        }
        for (UUID[] l : links) {
            Set<UUID> seen = new HashSet<>();
            for (UUID p = parentOf.get(l[0]); p != null; p = parentOf.get(p)) {
                if (p.equals(l[0]) || !seen.add(p)) {
                    throw new ValidationException("parent_id", what + " " + l[0] + " would be its own ancestor: the snapshot's parents close a cycle");
                }
            }
        }
    }

    /**
     * {@code links} are (role, included role) pairs the import wrote in organization {@code org},
     * whose tenant the caller set: no included role may reach back to the role including it.
     */
    static void inclusions(Connection c, String schema, UUID org, List<UUID[]> links) throws SQLException {
        Map<UUID, List<UUID>> includes = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT role_id, included_role_id FROM \"" + schema + "\".role_inclusion WHERE org_id = ?")) {
            st.setObject(1, org);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    includes.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(rs.getObject(2, UUID.class));
                }
            }
        }
        for (UUID[] l : links) {
            Set<UUID> seen = new HashSet<>();
            Deque<UUID> next = new ArrayDeque<>(List.of(l[1]));
            while (!next.isEmpty()) {
                UUID r = next.pop();
                if (r.equals(l[0])) {
                    throw new ValidationException("included_role_id", "role " + l[0] + " would include itself through role " + l[1]
                            + ": the snapshot's inclusions close a cycle");
                }
                if (seen.add(r)) {
                    next.addAll(includes.getOrDefault(r, List.of()));
                }
            }
        }
    }
}
