package dev.iamkit.memory;

import static dev.iamkit.snapshot.SnapshotKind.*;

import dev.iamkit.model.ApiKey;
import dev.iamkit.model.Assignment;
import dev.iamkit.model.Membership;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.TrailEntry;
import dev.iamkit.model.UserId;
import dev.iamkit.snapshot.SnapshotKind;
import dev.iamkit.snapshot.SnapshotRecords;
import dev.iamkit.snapshot.SnapshotRow;
import dev.iamkit.snapshot.SnapshotScope;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/** The rows of a {@link MemoryState}, as {@link dev.iamkit.snapshot.SnapshotStore#exportRows} lists them; read under the store's lock. */
final class SnapshotRows {
    private static final HexFormat HEX = HexFormat.of();

    private SnapshotRows() {
    }

    /** Every row of {@code scope}, sorted by kind and key; users as {@code users} opens them (as {@code users().find} shows them). */
    static List<SnapshotRow> of(MemoryState s, UserRows users, SnapshotScope scope) {
        List<SnapshotRow> out = new ArrayList<>();
        Predicate<OrgId> org = o -> scope.org().map(o::equals).orElse(true);
        Set<UserId> members = new TreeSet<>();
        scope.org().ifPresent(o -> members.addAll(s.readable(o).memberships.keySet()));
        Predicate<UserId> user = u -> scope.org().isEmpty() || members.contains(u);
        s.organizations.values().stream().filter(o -> org.test(o.id())).forEach(o -> out.add(SnapshotRecords.row(o)));
        s.users.values().stream().filter(u -> user.test(u.id())).forEach(u -> out.add(SnapshotRecords.row(users.open(u))));
        s.modules.values().forEach(m -> out.add(SnapshotRecords.row(m)));
        s.features.values().forEach(f -> {
            out.add(SnapshotRow.of(FEATURE, f.id().value(), f.code(), f.name(), f.description()));
            f.actions().forEach(a -> out.add(SnapshotRow.of(FEATURE_ACTION, f.id().value(), a)));
        });
        s.views.values().forEach(v -> out.add(SnapshotRecords.row(v)));
        s.moduleFeatures.forEach(l -> out.add(SnapshotRow.of(MODULE_FEATURE, l.left().value(), l.right().value())));
        s.moduleViews.forEach(l -> out.add(SnapshotRow.of(MODULE_VIEW, l.left().value(), l.right().value())));
        s.featureViews.forEach(l -> out.add(SnapshotRow.of(FEATURE_VIEW, l.left().value(), l.right().value())));
        s.menuItems.values().forEach(m -> out.add(SnapshotRecords.row(m)));
        s.passwords.forEach((u, p) -> {
            if (user.test(u)) {
                out.add(SnapshotRow.of(PASSWORD_CREDENTIAL, u.value(), p.hash(), p.updatedAt(), p.lockedUntil()));
            }
        });
        s.consents.forEach((u, all) -> {
            if (user.test(u)) {
                all.values().forEach(c -> out.add(SnapshotRecords.row(c)));
            }
        });
        if (scope.org().isEmpty()) {
            identity(s, users, out);
        }
        s.tenants.forEach((id, d) -> {
            if (org.test(id) && s.organizations.containsKey(id)) {
                tenant(id, d, out);
            }
        });
        out.sort(SnapshotRow.KEY_ORDER);
        return out;
    }

    /** Sign-in data and the privacy log: in a snapshot of the whole store only. */
    private static void identity(MemoryState s, UserRows users, List<SnapshotRow> out) {
        s.privacyRequests.values().forEach(p -> out.add(SnapshotRecords.row(p)));
        s.sessions.values().forEach(x -> out.add(SnapshotRecords.row(x)));
        s.refreshTokens.forEach((digest, t) -> out.add(SnapshotRow.of(SESSION_TOKEN, digest, t.session().value(), t.rotated())));
        s.magicLinks.values().forEach(l -> out.add(SnapshotRecords.row(l.open(users.cipher()), HEX.formatHex(l.digest()))));
        s.rateWindows.forEach((b, w) -> out.add(SnapshotRow.of(RATE_LIMIT_WINDOW, b.key(), b.windowMillis(), w.start(), w.hits())));
    }

    private static void tenant(OrgId org, TenantData d, List<SnapshotRow> out) {
        if (d.revision != 0 || !d.audit.isEmpty()) {   // PostgreSQL makes the counter row with the first change; none reads as zeros
            out.add(SnapshotRow.of(ORG_COUNTER, org.value(), d.revision, (long) d.audit.size()));
        }
        d.entitlements.values().forEach(e -> out.add(SnapshotRecords.row(e)));
        d.memberships.values().forEach((Membership m) -> out.add(SnapshotRecords.row(m)));
        d.teams.values().forEach(t -> out.add(SnapshotRecords.row(t)));
        d.teamMembers.forEach((t, users) -> users.forEach(u -> out.add(SnapshotRow.of(TEAM_MEMBER, org.value(), t.value(), u.value()))));
        d.roles.values().forEach(r -> out.add(SnapshotRecords.row(r)));
        d.inclusions.forEach((r, included) -> included.forEach(i -> out.add(SnapshotRow.of(ROLE_INCLUSION, org.value(), r.value(), i.value()))));
        d.grants.values().forEach(g -> g.values().forEach(x -> out.add(SnapshotRecords.row(x))));
        d.viewGrants.values().forEach(g -> g.values().forEach(x -> out.add(SnapshotRecords.row(x))));
        d.assignments.values().forEach(held -> held.values().forEach((Assignment a) -> out.add(SnapshotRecords.row(a))));
        d.trails.forEach((u, trail) -> {
            for (int i = 0; i < trail.size(); i++) {
                TrailEntry e = trail.get(i);
                out.add(SnapshotRow.of(TRAIL_ENTRY, org.value(), u.value(), e.viewId().value(), e.visitedAt(), (long) (trail.size() - i)));
            }
        });
        d.apiKeys.values().forEach((ApiKey k) -> out.add(SnapshotRecords.row(k, HEX.formatHex(d.apiKeyDigests.get(k.id())))));
        d.usage.forEach((metric, days) -> days.forEach((day, v) -> out.add(SnapshotRow.of(USAGE_COUNTER, org.value(), metric, day, v))));
        d.idempotency.forEach((key, kept) -> out.add(SnapshotRow.of(IDEMPOTENCY_KEY, org.value(), key, kept.recordedAt(), kept.text())));
        for (int i = 0; i < d.audit.size(); i++) {
            byte[] link = d.auditLinks.get(i);
            out.add(SnapshotRecords.row(d.audit.get(i), link == null ? null : HEX.formatHex(link), d.auditKeyIds.get(i)));
        }
    }

    /** The rows of {@code rows} by kind and key, for comparing an import with what the store holds. */
    static Map<SnapshotKind, Map<List<Object>, SnapshotRow>> byKey(List<SnapshotRow> rows) {
        Map<SnapshotKind, Map<List<Object>, SnapshotRow>> out = new java.util.EnumMap<>(SnapshotKind.class);
        rows.forEach(r -> out.computeIfAbsent(r.kind(), k -> new java.util.HashMap<>()).put(r.key(), r));
        return out;
    }
}
