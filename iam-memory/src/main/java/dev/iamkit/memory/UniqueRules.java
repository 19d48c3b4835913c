package dev.iamkit.memory;

import dev.iamkit.snapshot.SnapshotKind;
import dev.iamkit.snapshot.SnapshotRow;
import dev.iamkit.support.CaseFolding;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The unique rules beside the keys that PostgreSQL's unique indexes enforce (a live
 * organization's slug, a live user's email, catalog codes and paths, role codes and team names in
 * an organization, API-key lookup ids, token digests, a session's one current refresh token), so
 * an import into memory refuses the rows the PostgreSQL store would.
 */
final class UniqueRules {
    private UniqueRules() {
    }

    /** {@code held}: the stored rows by kind and key (it may hold {@code added} too). */
    static void check(Map<SnapshotKind, Map<List<Object>, SnapshotRow>> held, List<SnapshotRow> added, List<String> conflicts) {
        Map<List<Object>, SnapshotRow> owners = new HashMap<>();
        java.util.Set<SnapshotRow> fresh = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        fresh.addAll(added);
        held.values().forEach(rows -> rows.values().stream().filter(r -> !fresh.contains(r)).forEach(r -> keys(r).forEach(k -> owners.put(k, r))));
        for (SnapshotRow r : added) {
            for (List<Object> k : keys(r)) {
                SnapshotRow owner = owners.putIfAbsent(k, r);
                if (owner != null && owner != r && conflicts.size() < 100) {
                    conflicts.add(r.kind().wireName() + " " + r.key() + " has the " + k.get(1) + " of " + owner.kind().wireName() + " " + owner.key());
                }
            }
        }
    }

    /** The unique keys of a row, each tagged with the rule's name. */
    private static List<List<Object>> keys(SnapshotRow r) {
        return switch (r.kind()) {
            case ORGANIZATION -> r.get("deleted_at") == null ? List.of(List.of(r.kind(), "slug", r.text("slug"))) : List.of();
            case APP_USER -> r.get("deleted_at") == null ? List.of(List.of(r.kind(), "email", r.text("email").toLowerCase(java.util.Locale.ROOT))) : List.of();
            case MODULE, FEATURE -> List.of(List.of(r.kind(), "code", r.text("code")));
            case CATALOG_VIEW -> List.of(List.of(r.kind(), "code", r.text("code")), List.of(r.kind(), "path", r.text("path")));
            case ROLE -> List.of(List.of(r.kind(), "code", r.uuid("org_id"), r.text("code")));
            case TEAM -> List.of(List.of(r.kind(), "name", r.uuid("org_id"), CaseFolding.key(r.text("name"))));
            case API_KEY -> List.of(List.of(r.kind(), "lookup_id", r.text("lookup_id")));
            case MAGIC_LINK_CHALLENGE -> List.of(List.of(r.kind(), "token_digest", r.text("token_digest")));
            case SESSION_TOKEN -> r.flag("rotated") ? List.of() : List.of(List.of(r.kind(), "current token", r.uuid("session_id")));
            default -> List.of();
        };
    }
}
