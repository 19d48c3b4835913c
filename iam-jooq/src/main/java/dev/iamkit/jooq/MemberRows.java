package dev.iamkit.jooq;

import dev.iamkit.authz.CompiledAccess;
import dev.iamkit.error.StorageException;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Permission;
import dev.iamkit.model.UserId;
import dev.iamkit.model.ViewId;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * One user's compiled access from the rows of a compile: either the one row of the store's own
 * statement ({@link AccessFunctions#ownCall}, read by {@link #own}) when the store's copies are at
 * its counters ({@link #served}), or the rows of {@code compile_direct} (V35), in the columns of
 * {@link AccessFunctions#compileCall}: the gate row (the user's half of the gate, the revisions, the
 * counters of the shared parts, the roles of the user's live assignments and the user's teams, and
 * the shared parts with the organization's inclusions when the store's copy was not at those
 * counters), the catalog's modules when the store's catalog was not at the gate's global revision,
 * and the folded grants of the reached roles the copy lacks. The roles the assignments name are
 * followed through the inclusions; a permission is kept when some reached role allows it, none
 * denies it and an entitled module contains it: rules 3 to 5, as the statement of the Citus path
 * applies them in SQL.
 */
final class MemberRows {
    private static final int GATE = 0;
    private static final int ROLE = 3;
    private static final int MODULE = 5;

    private final OrgId org;
    private final UserId user;
    private final Instant at;
    /** The store's catalog when the call was sent, at the revision the call named. */
    private final CompileCatalog.Copy catalog;
    /** The store's copy of the shared parts the call named; null: none. */
    private final SharedAccess.Copy shared;
    private boolean gateSeen;
    private boolean userOpen;
    private long revision;
    private long global;
    private Long access;
    private long epoch;
    private Instant validUntil;
    private UUID[] roles = new UUID[0];
    private UUID[] teams = new UUID[0];
    private boolean orgOpen;
    private UUID[] entitledModules = new UUID[0];
    private Instant entitledUntil;
    private UUID[] includers = new UUID[0];
    /** {@link #reached}'s answer; null until asked (the parts it follows are the same copy for one compile). */
    private Set<UUID> reached;
    private UUID[] included = new UUID[0];
    /** The modules the server sent, in this statement's snapshot. */
    private final Map<UUID, CompileCatalog.Module> sentModules = new HashMap<>();
    /** The folded rows the server sent. */
    private final Map<UUID, SharedAccess.RoleGrants> sentRoles = new HashMap<>();

    MemberRows(OrgId org, UserId user, Instant at, CompileCatalog.Copy catalog, SharedAccess.Copy shared) {
        this.org = org;
        this.user = user;
        this.at = at;
        this.catalog = catalog;
        this.shared = shared;
    }

    void add(ResultSet rs) throws SQLException {
        int kind = rs.getInt(1);
        switch (kind) {
            case GATE -> {
                gateSeen = true;
                userOpen = rs.getBoolean(3);
                revision = rs.getLong(4);
                global = rs.getLong(5);
                validUntil = instant(rs, 6);
                entitledModules = ArrayText.uuids(rs, 7);
                access = rs.getObject(13, Long.class);
                epoch = rs.getLong(14);
                roles = ArrayText.uuids(rs, 15);
                teams = ArrayText.uuids(rs, 16);
                orgOpen = rs.getBoolean(17);
                entitledUntil = instant(rs, 18);
                includers = ArrayText.uuids(rs, 19);
                included = ArrayText.uuids(rs, 20);
            }
            case MODULE -> {
                UUID[] features = ArrayText.uuids(rs, 7);
                String[] codes = ArrayText.texts(rs, 8);
                if (features.length != codes.length) {
                    throw new StorageException(StorageException.Kind.REJECTED, "the access compile returned features and codes that do not pair");
                }
                sentModules.put(rs.getObject(2, UUID.class), new CompileCatalog.Module(features, codes, ArrayText.uuids(rs, 11)));
            }
            case ROLE -> sentRoles.put(rs.getObject(2, UUID.class), new SharedAccess.RoleGrants(pairs(rs, 7, 8), pairs(rs, 9, 10),
                    ArrayText.uuids(rs, 11), ArrayText.uuids(rs, 12)));
            default -> throw new StorageException(StorageException.Kind.REJECTED, "unexpected row kind " + kind);
        }
    }

    /** The one row of {@link AccessFunctions#ownCall}. */
    void own(ResultSet rs) throws SQLException {
        gateSeen = true;
        revision = rs.getLong(1);
        global = rs.getLong(2);
        access = rs.getObject(3, Long.class);
        epoch = rs.getLong(4);
        userOpen = rs.getBoolean(5);
        if (userOpen) {
            assignments(rs.getString(6));
            teams = ArrayText.uuids(rs, 7);
        }
    }

    /**
     * The roles of the live assignments of {@code text} (elements "role" or "role/expiry", the expiry
     * in seconds since the epoch, or infinity) and their earliest expiry after {@link #at}, as
     * {@code compile_direct} takes them.
     */
    private void assignments(String text) {
        if (text == null) {
            return;
        }
        Set<UUID> live = new LinkedHashSet<>();
        for (String e : ArrayText.parse(text)) {
            int slash = e.indexOf('/');
            UUID role;
            Instant expiry = null;
            boolean forever = slash < 0;
            try {
                role = UUID.fromString(slash < 0 ? e : e.substring(0, slash));
                if (slash >= 0) {
                    String t = e.substring(slash + 1);
                    if (t.equals("infinity")) {
                        forever = true;
                    } else if (!t.equals("-infinity")) {
                        BigDecimal seconds = new BigDecimal(t);
                        BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
                        expiry = Instant.ofEpochSecond(whole.longValueExact(), seconds.subtract(whole).movePointRight(9).longValueExact());
                    }
                }
            } catch (IllegalArgumentException | ArithmeticException | DateTimeException bad) {
                throw new StorageException(StorageException.Kind.REJECTED, "the access compile returned an assignment it cannot read: " + e);
            }
            if (forever || expiry != null && expiry.isAfter(at)) {
                live.add(role);
                if (expiry != null && (validUntil == null || expiry.isBefore(validUntil))) {
                    validUntil = expiry;
                }
            }
        }
        roles = live.toArray(new UUID[0]);
    }

    /** Whether the store's copy was at this snapshot's counters: the shared parts are the copy's. */
    private boolean known() {
        return shared != null && access != null && access == shared.access() && epoch == shared.epoch();
    }

    /**
     * Whether the rows read make the whole compile: the store's copy of the shared parts and its
     * catalog at this snapshot's counters, and the copy holding the grants of every role the
     * user's assignments reach through its inclusions.
     */
    boolean served() {
        if (!gateSeen || !known() || catalog.revision() != global) {
            return false;
        }
        return !userOpen || !shared.open() || shared.roles().keySet().containsAll(reached(shared));
    }

    /** The roles the assignments reach through {@code parts}' inclusions, followed once per compile. */
    private Set<UUID> reached(SharedAccess.Copy parts) {
        if (reached == null) {
            reached = parts.reach(roles);
        }
        return reached;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Permission[] pairs(ResultSet rs, int featureColumn, int actionColumn) throws SQLException {
        UUID[] features = ArrayText.uuids(rs, featureColumn);
        String[] actions = ArrayText.texts(rs, actionColumn);
        if (features.length != actions.length) {
            throw new StorageException(StorageException.Kind.REJECTED, "the access compile returned grants that do not pair");
        }
        Permission[] out = new Permission[features.length];
        for (int i = 0; i < features.length; i++) {
            out[i] = new Permission(new FeatureId(features[i]), actions[i]);
        }
        return out;
    }

    /**
     * The compiled access; keeps the catalog in {@code catalogs} when the server sent it, and the
     * shared parts in {@code copies} when this snapshot had a counter row to name them by.
     */
    CompiledAccess compiled(CompileCatalog catalogs, SharedAccess copies) {
        if (!gateSeen) {
            throw new StorageException(StorageException.Kind.REJECTED, "the access compile returned no gate row");
        }
        boolean known = known();
        SharedAccess.Copy parts = known ? shared
                : new SharedAccess.Copy(access == null ? SharedAccess.NONE : access, epoch, at, orgOpen, entitledModules, entitledUntil,
                        SharedAccess.Copy.inclusions(includers, included), Map.of());
        if (access != null && !(known && sentRoles.isEmpty())) {   // a compile that used the copy whole leaves it as it was
            copies.keep(org.value(), parts.with(sentRoles));
        }
        // the catalog of this snapshot: the store's copy when it was at this revision, else what the server sent with the rows
        CompileCatalog.Copy modules = catalog;
        if (catalog.revision() != global) {
            modules = new CompileCatalog.Copy(global, Map.copyOf(sentModules));
            catalogs.keep(modules);
        }
        if (!parts.open() || !userOpen) {
            // shut out by rules 1 or 2: no role or team can open it, only the user, the membership or the organization
            return new CompiledAccess(org, user, revision, global, Optional.empty(), new TreeSet<>(), Map.of(), new TreeSet<>(),
                    new CompiledAccess.Dependencies(Set.of(), Set.of()));
        }
        Map<UUID, String> entitled = new HashMap<>();
        Set<UUID> entitledViews = new HashSet<>();
        for (UUID id : parts.entitledModules()) {
            CompileCatalog.Module module = modules.modules().get(id);
            if (module != null) {   // null: a module the catalog disables
                for (int i = 0; i < module.features().length; i++) {
                    entitled.put(module.features()[i], module.codes()[i]);
                }
                entitledViews.addAll(Arrays.asList(module.views()));
            }
        }
        Set<Permission> allowed = new HashSet<>();
        Set<Permission> denied = new HashSet<>();
        Set<UUID> allowedViews = new HashSet<>();
        Set<UUID> deniedViews = new HashSet<>();
        for (UUID role : reached(parts)) {
            SharedAccess.RoleGrants g = sentRoles.get(role);
            if (g == null && known) {
                g = shared.roles().get(role);
            }
            if (g == null) {
                throw new StorageException(StorageException.Kind.REJECTED, "the access compile returned no grants for role " + role);
            }
            allowed.addAll(Arrays.asList(g.allowed()));
            denied.addAll(Arrays.asList(g.denied()));
            allowedViews.addAll(Arrays.asList(g.allowedViews()));
            deniedViews.addAll(Arrays.asList(g.deniedViews()));
        }
        SortedSet<Permission> permissions = new TreeSet<>();
        Map<FeatureId, String> codes = new HashMap<>();
        for (Permission p : allowed) {
            String code = entitled.get(p.featureId().value());
            if (code != null && !denied.contains(p)) {
                permissions.add(p);
                codes.put(p.featureId(), code);
            }
        }
        SortedSet<ViewId> views = new TreeSet<>();
        for (UUID v : allowedViews) {
            if (entitledViews.contains(v) && !deniedViews.contains(v)) {
                views.add(new ViewId(v));
            }
        }
        Instant until = validUntil == null ? parts.entitledUntil()
                : parts.entitledUntil() == null || validUntil.isBefore(parts.entitledUntil()) ? validUntil : parts.entitledUntil();
        return new CompiledAccess(org, user, revision, global, Optional.ofNullable(until), permissions, codes, views,
                new CompiledAccess.Dependencies(reached(parts), new HashSet<>(Arrays.asList(teams))));
    }
}
