package dev.iamkit.memory;

import static dev.iamkit.snapshot.SnapshotKind.*;

import dev.iamkit.authz.AuthzCache;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.*;
import dev.iamkit.snapshot.SnapshotConflictException;
import dev.iamkit.snapshot.SnapshotImport;
import dev.iamkit.snapshot.SnapshotKind;
import dev.iamkit.snapshot.SnapshotRecords;
import dev.iamkit.snapshot.SnapshotRow;
import dev.iamkit.snapshot.SnapshotScope;
import dev.iamkit.support.PasswordCredentials;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Takes a snapshot's rows into a {@link MemoryState}: all rows are read and checked first, then
 * compared with what the store holds (users opened) under its write lock, then written through
 * one {@link Tx}, so a failure anywhere leaves the store as it was.
 */
final class SnapshotImporter {
    private static final HexFormat HEX = HexFormat.of();
    private static final int CONFLICTS_LISTED = 100;

    private final MemoryState s;
    private final UserRows users;
    private final Transactor transactor;
    private final AuthzCache cache;

    SnapshotImporter(MemoryState s, UserRows users, Transactor transactor, AuthzCache cache) {
        this.s = s;
        this.users = users;
        this.transactor = transactor;
        this.cache = cache;
    }

    SnapshotImport run(Iterator<SnapshotRow> source) {
        List<SnapshotRow> incoming = new ArrayList<>();
        while (source.hasNext()) {
            SnapshotRow r = source.next();
            SnapshotRecords.check(r);
            incoming.add(r);
        }
        return transactor.write(tx -> {
            Map<SnapshotKind, Long> written = new EnumMap<>(SnapshotKind.class);
            Map<SnapshotKind, Long> present = new EnumMap<>(SnapshotKind.class);
            List<SnapshotRow> toWrite = new ArrayList<>();
            List<String> conflicts = new ArrayList<>();
            var held = SnapshotRows.byKey(SnapshotRows.of(s, users, SnapshotScope.wholeStore()));
            for (SnapshotRow r : incoming) {
                Map<List<Object>, SnapshotRow> ofKind = held.computeIfAbsent(r.kind(), k -> new HashMap<>());
                SnapshotRow stored = ofKind.get(r.key());
                if (stored == null) {
                    ofKind.put(r.key(), r);   // a later row with the same key is compared with this one, as in PostgreSQL
                    toWrite.add(r);
                    written.merge(r.kind(), 1L, Long::sum);
                } else if (stored.equals(r)) {
                    present.merge(r.kind(), 1L, Long::sum);
                } else if (conflicts.size() < CONFLICTS_LISTED) {
                    conflicts.add(r.kind().wireName() + " " + r.key() + " differs from the stored row");
                }
            }
            UniqueRules.check(held, toWrite, conflicts);
            if (!conflicts.isEmpty()) {
                throw new SnapshotConflictException(conflicts);
            }
            apply(tx, toWrite);
            SnapshotCycles.refuse(s, toWrite);
            tx.afterCommit(cache::everythingChanged);
            return new SnapshotImport(written, present);
        });
    }

    private void apply(Tx tx, List<SnapshotRow> rows) {
        Set<OrgId> created = new HashSet<>();
        Set<OrgId> touched = new HashSet<>();
        Map<FeatureId, SnapshotRow> features = new LinkedHashMap<>();
        Map<FeatureId, TreeSet<String>> actions = new HashMap<>();
        Map<OrgId, Map<UserId, TreeMap<Long, TrailEntry>>> trails = new HashMap<>();
        for (SnapshotRow r : rows) {
            if (r.kind().area() == Area.TENANT) {
                touched.add(OrgId.of(r.uuid("org_id")));
            }
            switch (r.kind()) {
                case ORGANIZATION -> {
                    Organization o = SnapshotRecords.organization(r);
                    tx.put(s.organizations, o.id(), o);
                    if (!s.tenants.containsKey(o.id())) {
                        tx.put(s.tenants, o.id(), new TenantData());
                        created.add(o.id());
                    }
                }
                case APP_USER -> users.write(tx, SnapshotRecords.user(r));   // sealed under a new data key when encryption is on
                case MODULE -> tx.put(s.modules, ModuleId.of(r.uuid("id")), SnapshotRecords.module(r));
                case FEATURE -> features.put(FeatureId.of(r.uuid("id")), r);
                case FEATURE_ACTION -> actions.computeIfAbsent(FeatureId.of(r.uuid("feature_id")), k -> new TreeSet<>()).add(r.text("action"));
                case CATALOG_VIEW -> tx.put(s.views, ViewId.of(r.uuid("id")), SnapshotRecords.view(r));
                case MODULE_FEATURE -> tx.add(s.moduleFeatures, new MemoryState.Link<>(ModuleId.of(r.uuid("module_id")), FeatureId.of(r.uuid("feature_id"))));
                case MODULE_VIEW -> tx.add(s.moduleViews, new MemoryState.Link<>(ModuleId.of(r.uuid("module_id")), ViewId.of(r.uuid("view_id"))));
                case FEATURE_VIEW -> tx.add(s.featureViews, new MemoryState.Link<>(FeatureId.of(r.uuid("feature_id")), ViewId.of(r.uuid("view_id"))));
                case MENU_ITEM -> tx.put(s.menuItems, MenuItemId.of(r.uuid("id")), SnapshotRecords.menuItem(r));
                case PASSWORD_CREDENTIAL -> tx.put(s.passwords, UserId.of(r.uuid("user_id")),
                        new PasswordCredentials.Stored(r.text("hash"), r.instant("updated_at"), r.optionalInstant("locked_until")));
                case CONSENT -> {
                    Consent c = SnapshotRecords.consent(r);
                    tx.put(tx.child(s.consents, c.userId(), TreeMap::new), c.id(), c);
                }
                case PRIVACY_REQUEST -> tx.put(s.privacyRequests, PrivacyRequestId.of(r.uuid("id")), SnapshotRecords.privacyRequest(r));
                case USER_SESSION -> tx.put(s.sessions, SessionId.of(r.uuid("id")), SnapshotRecords.session(r));
                case SESSION_TOKEN -> tx.put(s.refreshTokens, r.text("digest"), new MemoryState.RefreshToken(SessionId.of(r.uuid("session_id")), r.flag("rotated")));
                case MAGIC_LINK_CHALLENGE -> tx.put(s.magicLinks, MagicLinkId.of(r.uuid("id")),
                        MemoryState.StoredLink.of(SnapshotRecords.magicLink(r), HEX.parseHex(r.text("token_digest")), users.cipher()));   // sealed when on
                case RATE_LIMIT_WINDOW -> tx.put(s.rateWindows, new MemoryState.Bucket(r.text("bucket_key"), r.number("window_ms")),
                        new MemoryState.Window(r.instant("window_start"), r.number("hits")));
                case ORG_COUNTER -> tenant(r).revision = r.number("revision");
                case ENTITLEMENT -> tx.put(tenant(r).entitlements, ModuleId.of(r.uuid("module_id")), SnapshotRecords.entitlement(r));
                case MEMBERSHIP -> tx.put(tenant(r).memberships, UserId.of(r.uuid("user_id")), SnapshotRecords.membership(r));
                case TEAM -> tx.put(tenant(r).teams, TeamId.of(r.uuid("id")), SnapshotRecords.team(r));
                case TEAM_MEMBER -> tx.add(tx.child(tenant(r).teamMembers, TeamId.of(r.uuid("team_id")), TreeSet::new), UserId.of(r.uuid("user_id")));
                case ROLE -> tx.put(tenant(r).roles, RoleId.of(r.uuid("id")), SnapshotRecords.role(r));
                case ROLE_INCLUSION -> tx.add(tx.child(tenant(r).inclusions, RoleId.of(r.uuid("role_id")), TreeSet::new), RoleId.of(r.uuid("included_role_id")));
                case FEATURE_GRANT -> {
                    FeatureGrant g = SnapshotRecords.featureGrant(r);
                    tx.put(tx.child(tenant(r).grants, g.roleId(), TreeMap::new), new Permission(g.featureId(), g.action()), g);
                }
                case VIEW_GRANT -> {
                    ViewGrant g = SnapshotRecords.viewGrant(r);
                    tx.put(tx.child(tenant(r).viewGrants, g.roleId(), TreeMap::new), g.viewId(), g);
                }
                case USER_ASSIGNMENT, TEAM_ASSIGNMENT -> {
                    Assignment a = SnapshotRecords.assignment(r);
                    tx.put(tx.child(tenant(r).assignments, a.roleId(), TenantData::newAssignmentMap), a.principal(), a);
                }
                case TRAIL_ENTRY -> trails.computeIfAbsent(OrgId.of(r.uuid("org_id")), k -> new HashMap<>())
                        .computeIfAbsent(UserId.of(r.uuid("user_id")), k -> new TreeMap<>()).put(r.number("seq"), SnapshotRecords.trailEntry(r));
                case API_KEY -> {
                    ApiKey k = SnapshotRecords.apiKey(r);
                    tx.put(tenant(r).apiKeys, k.id(), k);
                    tx.put(tenant(r).apiKeyDigests, k.id(), HEX.parseHex(r.text("digest")));
                    tx.put(s.apiKeyLookup, k.lookupId(), new MemoryState.ApiKeyRef(k.orgId(), k.id()));
                }
                case USAGE_COUNTER -> tx.put(tx.child(tenant(r).usage, r.text("metric"), TreeMap::new), r.date("day"), r.number("value"));
                case IDEMPOTENCY_KEY -> tx.put(tenant(r).idempotency, r.text("key_value"),
                        new TenantData.KeptResult(r.instant("recorded_at"), r.optionalText("result").orElse(null)));
                case AUDIT_EVENT -> appendEvent(tx, tenant(r), r);
            }
        }
        features.forEach((id, f) -> actions.computeIfAbsent(id, k -> new TreeSet<>()));
        actions.forEach((id, added) -> {
            SnapshotRow f = features.get(id);
            Feature base = s.features.get(id);
            if (f != null) {
                tx.put(s.features, id, new Feature(id, f.text("code"), f.text("name"), f.text("description"), added));
            } else if (base != null) {
                TreeSet<String> all = new TreeSet<>(added);
                all.addAll(base.actions());
                tx.put(s.features, id, base.withActions(all));
            } else {
                throw new ValidationException("feature_id", "names no feature: " + id);
            }
        });
        trails.forEach((org, byUser) -> byUser.forEach((user, entries) -> {
            TenantData d = s.writable(org);
            List<TrailEntry> existing = d.trails.getOrDefault(user, List.of());
            for (int i = 0; i < existing.size(); i++) {
                entries.putIfAbsent((long) (existing.size() - i), existing.get(i));
            }
            tx.put(d.trails, user, List.copyOf(entries.descendingMap().values()));
        }));
        for (OrgId org : touched) {
            if (!created.contains(org)) {
                tx.bumpRevision(s.writable(org));
            }
        }
    }

    private TenantData tenant(SnapshotRow r) {
        TenantData d = s.tenants.get(OrgId.of(r.uuid("org_id")));
        if (d == null) {
            throw new ValidationException("org_id", "names no organization: " + r.uuid("org_id"));
        }
        return d;
    }

    private static void appendEvent(Tx tx, TenantData d, SnapshotRow r) {
        if (r.number("seq") != d.audit.size() + 1) {
            throw new ValidationException("seq", "audit events of an organization must follow its trail without a gap: expected "
                    + (d.audit.size() + 1) + ", not " + r.number("seq"));
        }
        tx.append(d.audit, SnapshotRecords.auditEvent(r));
        tx.append(d.auditLinks, r.optionalText("link").map(HEX::parseHex).orElse(null));
        tx.append(d.auditKeyIds, r.optionalText("key_id").orElse(null));
    }
}
