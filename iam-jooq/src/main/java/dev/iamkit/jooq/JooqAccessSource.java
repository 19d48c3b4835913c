package dev.iamkit.jooq;

import dev.iamkit.error.StorageException;
import static dev.iamkit.jooq.generated.Tables.CATALOG_VIEW;
import static dev.iamkit.jooq.generated.Tables.FEATURE;
import static dev.iamkit.jooq.generated.Tables.FEATURE_ACTION;
import static dev.iamkit.jooq.generated.Tables.FEATURE_GRANT;
import static dev.iamkit.jooq.generated.Tables.MEMBERSHIP;
import static dev.iamkit.jooq.generated.Tables.MODULE_FEATURE;
import static dev.iamkit.jooq.generated.Tables.MODULE_VIEW;
import static dev.iamkit.jooq.generated.Tables.ORGANIZATION;
import static dev.iamkit.jooq.generated.Tables.ROLE_INCLUSION;
import static dev.iamkit.jooq.generated.Tables.TEAM_ASSIGNMENT;
import static dev.iamkit.jooq.generated.Tables.TEAM_MEMBER;
import static dev.iamkit.jooq.AccessSql.unexpired;
import static dev.iamkit.jooq.generated.Tables.USER_ASSIGNMENT;
import static dev.iamkit.jooq.generated.Tables.VIEW_GRANT;

import dev.iamkit.authz.AccessSnapshot;
import dev.iamkit.authz.AccessSnapshot.RoleGrants;
import dev.iamkit.authz.Decision.Reason;
import dev.iamkit.authz.SnapshotAuthz;
import dev.iamkit.model.Effect;
import dev.iamkit.model.Feature;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.ModuleId;
import dev.iamkit.model.Permission;
import dev.iamkit.model.RoleId;
import dev.iamkit.model.TeamId;
import dev.iamkit.model.UserId;
import dev.iamkit.model.Validate;
import dev.iamkit.model.ViewId;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.Record3;
import org.jooq.Select;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Reads what the authorization rules need about one user in the scope's organization, at the
 * clock's now, in ONE statement; {@link dev.iamkit.authz.AccessEvaluator} does the deciding.
 *
 * <p>The statement returns typed rows of six columns, told apart by {@code kind}:
 * <pre>
 * kind  a          b          t1          t2           t3
 *  0    -          -          org state   user state   membership   exactly one row (rules 1 and 2)
 *  1    feature    module     -           -            -            entitled features (rule 3)
 *  2    view       module     -           -            -            entitled views
 *  3    role       team|null  -           -            -            one per unexpired route to a role, through inclusions too (rule 4)
 *  4    role       feature    action      effect       -            feature grants of those roles
 *  5    role       view       -           effect       -            view grants of those roles
 *  6    feature    -          action      code         name         catalog entries of the features a check asks about
 * </pre>
 * A state is {@code DELETED} for a soft-deleted row, else its status, and NULL when there is no
 * row. Kinds 1 to 5 are read only when rules 1 and 2 hold (one gate row, evaluated once).
 *
 * <p>A check ({@link #load}) reads the snapshot and the asked features' catalog entries in this
 * one statement (kind 6 rows: feature, action, code, name). For the other questions
 * {@link SnapshotAuthz} reads the snapshot, then resolves features and views on the same
 * thread. This source remembers, for that thread, what the last snapshot proved and what it
 * looked up since: a view the snapshot saw exists (foreign keys), so {@link #viewExists} needs
 * no query for it; the first feature asked about is one primary-key lookup (a check), and a
 * second one about the same snapshot fetches every granted, entitled feature in one query
 * ({@code effectivePermissions}, {@code checkAll}) instead of one lookup each. Keeping catalog
 * entries out of the snapshot statement keeps the hot check path to the rows the rules need.
 */
final class JooqAccessSource implements SnapshotAuthz.Source {
    private static final String DELETED = AccessSql.DELETED;
    private static final String ACTIVE = "ACTIVE";

    /** Row kinds of the statement. */
    private static final int GATE = 0;
    private static final int ENTITLED_FEATURE = 1;
    private static final int ENTITLED_VIEW = 2;
    private static final int ROUTE = 3;
    private static final int FEATURE_GRANTED = 4;
    private static final int VIEW_GRANTED = 5;
    private static final int FEATURE_ENTRY = 6;

    private static final Field<UUID> NO_UUID = DSL.castNull(SQLDataType.UUID);
    private static final Field<String> NO_TEXT = DSL.castNull(SQLDataType.CLOB);

    private final TenantContext ctx;
    /** What the last snapshot proved and what was looked up since, for the thread that read it. */
    private volatile Memo last;

    JooqAccessSource(TenantContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public AccessSnapshot snapshot(UserId user) {
        Validate.notNull("userId", user);
        last = null;
        Rows rows = ctx.read(sql -> {
            Rows read = new Rows();
            query(sql, user, Set.of()).fetch().forEach(read::add);
            return read;
        });
        AccessSnapshot snapshot = rows.snapshot(user);
        last = new Memo(snapshot);
        return snapshot;
    }

    /** The snapshot and the asked features' catalog entries in one statement: a check is one round trip. */
    @Override
    public SnapshotAuthz.Loaded load(UserId user, Set<FeatureId> asked) {
        Validate.notNull("userId", user);
        last = null;
        Rows rows = ctx.read(sql -> {
            Rows read = new Rows();
            query(sql, user, asked).fetch().forEach(read::add);
            return read;
        });
        AccessSnapshot snapshot = rows.snapshot(user);
        last = new Memo(snapshot);
        Map<FeatureId, Optional<Feature>> found = new HashMap<>();
        for (FeatureId id : asked) {
            Optional<Feature> f = rows.feature(id);
            found.put(id, f);
            last.features.put(id, f);
        }
        return new SnapshotAuthz.Loaded(snapshot, found);
    }

    @Override
    public Optional<Feature> feature(FeatureId id) {
        Validate.notNull("featureId", id);
        Memo m = last;
        if (m == null || m.reader != Thread.currentThread()) {
            return ctx.read(sql -> features(sql, Set.of(id)).stream().findFirst());
        }
        Optional<Feature> known = m.features.get(id);
        if (known != null) {
            return known;
        }
        Set<FeatureId> wanted = new HashSet<>();
        wanted.add(id);
        if (m.lookups++ > 0) {
            wanted.addAll(m.granted);
            wanted.removeAll(m.features.keySet());
        }
        List<Feature> found = ctx.read(sql -> features(sql, wanted));
        wanted.forEach(w -> m.features.put(w, Optional.empty()));
        found.forEach(f -> m.features.put(f.id(), Optional.of(f)));
        return m.features.get(id);
    }

    @Override
    public boolean viewExists(ViewId id) {
        Validate.notNull("viewId", id);
        Memo m = last;
        if (m != null && m.reader == Thread.currentThread() && m.views.contains(id)) {
            return true;
        }
        return ctx.read(sql -> sql.fetchExists(CATALOG_VIEW, CATALOG_VIEW.ID.eq(id.value())));
    }

    /** Catalog entries by id, in one query. */
    @Override
    public Optional<FeatureId> featureId(String code) {
        return ctx.read(sql -> sql.select(FEATURE.ID).from(FEATURE).where(FEATURE.CODE.eq(code)).fetchOptional(r -> new FeatureId(r.value1())));
    }

    /**
     * The rows of {@code feature} joined to {@code feature_action} whose feature is one of
     * {@code ids}, said of both tables: said of the features alone, the plan the server keeps for a
     * statement with an array of unknown length could hash them and read every action of the
     * catalog; said of the actions too, they are read by their key.
     */
    private static org.jooq.Condition ofFeatures(Field<UUID[]> ids) {
        return FEATURE.ID.eq(DSL.any(ids)).and(FEATURE_ACTION.FEATURE_ID.eq(DSL.any(ids)));
    }

    /** The features {@code ids}, each with its actions read by the feature's key ({@link JooqFeatureStore#ACTIONS}), as finds read them. */
    private static List<Feature> features(DSLContext sql, Set<FeatureId> ids) {
        UUID[] values = ids.stream().map(FeatureId::value).toArray(UUID[]::new);
        return sql.select(FEATURE.ID, FEATURE.CODE, FEATURE.NAME, FEATURE.DESCRIPTION, JooqFeatureStore.ACTIONS)
                .from(FEATURE)
                .where(values.length == 1 ? FEATURE.ID.eq(values[0]) : FEATURE.ID.eq(DSL.any(DSL.val(values, SQLDataType.UUID.array()))))
                .fetch(r -> new Feature(new FeatureId(r.value1()), r.value2(), r.value3(), r.value4(),
                        new TreeSet<>(Arrays.asList(r.value5()))));
    }

    /** Used by one thread only: the one that read the snapshot (others see another reader and skip it). */
    private static final class Memo {
        final Thread reader = Thread.currentThread();
        /** Views the snapshot saw: entitled or granted, so they exist. */
        final Set<ViewId> views = new HashSet<>();
        /** Features the user holds a grant of and that are entitled: what a second lookup fetches at once. */
        final Set<FeatureId> granted = new HashSet<>();
        final Map<FeatureId, Optional<Feature>> features = new HashMap<>();
        int lookups;

        Memo(AccessSnapshot s) {
            views.addAll(s.entitledViews().keySet());
            for (RoleGrants r : s.roles()) {
                views.addAll(r.views().keySet());
                r.features().keySet().forEach(p -> {
                    if (s.entitledFeatures().containsKey(p.featureId())) {
                        granted.add(p.featureId());
                    }
                });
            }
        }
    }

    // ---- the statement ------------------------------------------------------------------------

    /** The one statement; the organization, the user and now are bind values. */
    private Select<? extends Record> query(DSLContext sql, UserId user, Set<FeatureId> asked) {
        UUID org = ctx.org.value();
        UUID u = user.value();
        OffsetDateTime now = Times.db(ctx.now());

        // Rules 1 and 2: one row, read once.
        CommonTableExpression<Record3<String, String, String>> gate = DSL.name("gate").fields("org_state", "user_state", "member_state")
                .as(DSL.select(
                        DSL.field(DSL.select(DSL.when(ORGANIZATION.DELETED_AT.isNotNull(), DSL.inline(DELETED)).otherwise(ORGANIZATION.STATUS))
                                .from(ORGANIZATION).where(ORGANIZATION.ID.eq(org))),
                        AccessSql.userState(sql, u, ctx.onCitus()),
                        DSL.field(DSL.select(MEMBERSHIP.STATUS)
                                .from(MEMBERSHIP).where(MEMBERSHIP.ORG_ID.eq(org), MEMBERSHIP.USER_ID.eq(u)))));
        Field<String> orgState = gate.field("org_state", String.class);
        Field<String> userState = gate.field("user_state", String.class);
        Field<String> memberState = gate.field("member_state", String.class);
        Condition open = DSL.condition(DSL.field(DSL.select(DSL.field(
                orgState.eq(DSL.inline(ACTIVE)).and(userState.eq(DSL.inline(ACTIVE))).and(memberState.eq(DSL.inline(ACTIVE))))).from(gate)));

        // Rule 3: modules usable through an enabled, unexpired entitlement.
        CommonTableExpression<Record1<UUID>> usable = AccessSql.usableModules(org, now, open);
        Field<UUID> usableModule = usable.field("module_id", UUID.class);

        // Rule 4: every unexpired route to a role, direct (no team) or through each team the user is in,
        // then, recursively, the roles those include, by the same route. UNION (not ALL) keeps each
        // (role, team) once, so a role reached by several paths counts once and the walk ends.
        Name routesName = DSL.name("routes");
        Field<UUID> walkedRole = DSL.field(DSL.name("routes", "role_id"), SQLDataType.UUID);
        Field<UUID> walkedTeam = DSL.field(DSL.name("routes", "team_id"), SQLDataType.UUID);
        CommonTableExpression<Record2<UUID, UUID>> routes = routesName.fields("role_id", "team_id")
                .as(DSL.select(USER_ASSIGNMENT.ROLE_ID, NO_UUID)
                        .from(USER_ASSIGNMENT)
                        .where(USER_ASSIGNMENT.ORG_ID.eq(org), USER_ASSIGNMENT.USER_ID.eq(u),
                                unexpired(USER_ASSIGNMENT.EXPIRES_AT, now), open)
                        .unionAll(DSL.select(TEAM_ASSIGNMENT.ROLE_ID, TEAM_ASSIGNMENT.TEAM_ID)
                                .from(TEAM_ASSIGNMENT)
                                .join(TEAM_MEMBER).on(TEAM_MEMBER.ORG_ID.eq(TEAM_ASSIGNMENT.ORG_ID),
                                        TEAM_MEMBER.TEAM_ID.eq(TEAM_ASSIGNMENT.TEAM_ID))
                                .where(TEAM_ASSIGNMENT.ORG_ID.eq(org), TEAM_MEMBER.USER_ID.eq(u),
                                        unexpired(TEAM_ASSIGNMENT.EXPIRES_AT, now), open))
                        .union(DSL.select(ROLE_INCLUSION.INCLUDED_ROLE_ID, walkedTeam)
                                .from(DSL.table(routesName))
                                .join(ROLE_INCLUSION).on(ROLE_INCLUSION.ORG_ID.eq(org), ROLE_INCLUSION.ROLE_ID.eq(walkedRole))));
        Field<UUID> routeRole = routes.field("role_id", UUID.class);
        Field<UUID> routeTeam = routes.field("team_id", UUID.class);

        var rows = DSL.select(DSL.inline(GATE), NO_UUID, NO_UUID, orgState, userState, memberState)
                .from(gate)
                .unionAll(DSL.select(DSL.inline(ENTITLED_FEATURE), MODULE_FEATURE.FEATURE_ID, MODULE_FEATURE.MODULE_ID,
                                NO_TEXT, NO_TEXT, NO_TEXT)
                        .from(MODULE_FEATURE)
                        .where(MODULE_FEATURE.MODULE_ID.in(DSL.select(usableModule).from(usable))))
                .unionAll(DSL.select(DSL.inline(ENTITLED_VIEW), MODULE_VIEW.VIEW_ID, MODULE_VIEW.MODULE_ID,
                                NO_TEXT, NO_TEXT, NO_TEXT)
                        .from(MODULE_VIEW)
                        .where(MODULE_VIEW.MODULE_ID.in(DSL.select(usableModule).from(usable))))
                .unionAll(DSL.select(DSL.inline(ROUTE), routeRole, routeTeam, NO_TEXT, NO_TEXT, NO_TEXT)
                        .from(routes))
                .unionAll(DSL.select(DSL.inline(FEATURE_GRANTED), FEATURE_GRANT.ROLE_ID, FEATURE_GRANT.FEATURE_ID,
                                FEATURE_GRANT.ACTION, FEATURE_GRANT.EFFECT, NO_TEXT)
                        .from(FEATURE_GRANT)
                        .where(FEATURE_GRANT.ORG_ID.eq(org), FEATURE_GRANT.ROLE_ID.in(DSL.select(routeRole).from(routes))))
                .unionAll(DSL.select(DSL.inline(VIEW_GRANTED), VIEW_GRANT.ROLE_ID, VIEW_GRANT.VIEW_ID,
                                NO_TEXT, VIEW_GRANT.EFFECT, NO_TEXT)
                        .from(VIEW_GRANT)
                        .where(VIEW_GRANT.ORG_ID.eq(org), VIEW_GRANT.ROLE_ID.in(DSL.select(routeRole).from(routes))))
                .unionAll(DSL.select(DSL.inline(FEATURE_ENTRY), FEATURE.ID, NO_UUID, FEATURE_ACTION.ACTION, FEATURE.CODE, FEATURE.NAME)
                        .from(FEATURE)
                        .join(FEATURE_ACTION).on(FEATURE_ACTION.FEATURE_ID.eq(FEATURE.ID))
                        .where(asked.isEmpty() ? DSL.falseCondition()
                                : ofFeatures(DSL.val(asked.stream().map(FeatureId::value).toArray(UUID[]::new), SQLDataType.UUID.array()))))
                .asTable("s", "kind", "a", "b", "t1", "t2", "t3");
        // The CTEs sit on an outer select, so every branch of the union is in their scope.
        return sql.withRecursive(gate).with(usable).with(routes).select(rows.fields()).from(rows);
    }

    // ---- assembling the snapshot --------------------------------------------------------------

    private final class Rows {
        private boolean gateSeen;
        private String orgState;
        private String userState;
        private String memberState;
        private final Map<FeatureId, SortedSet<ModuleId>> features = new HashMap<>();
        private final Map<ViewId, SortedSet<ModuleId>> views = new HashMap<>();
        private final List<RoleId> routeRoles = new ArrayList<>();
        private final List<Optional<TeamId>> routeTeams = new ArrayList<>();
        private final Map<RoleId, Map<Permission, Effect>> featureGrants = new HashMap<>();
        private final Map<RoleId, Map<ViewId, Effect>> viewGrants = new HashMap<>();
        private final Map<FeatureId, String[]> entries = new HashMap<>();
        private final Map<FeatureId, SortedSet<String>> entryActions = new HashMap<>();

        /**
         * The catalog entry of an asked feature, as far as the rules need it (id and actions; the
         * description is not read). Empty when the feature does not exist.
         */
        Optional<Feature> feature(FeatureId id) {
            String[] e = entries.get(id);
            return e == null ? Optional.empty() : Optional.of(new Feature(id, e[0], e[1], "", entryActions.get(id)));
        }

        void add(Record r) {
            int kind = r.get(0, Integer.class);
            UUID a = r.get(1, UUID.class);
            UUID b = r.get(2, UUID.class);
            String t1 = r.get(3, String.class);
            String t2 = r.get(4, String.class);
            String t3 = r.get(5, String.class);
            switch (kind) {
                case GATE -> {
                    gateSeen = true;
                    orgState = t1;
                    userState = t2;
                    memberState = t3;
                }
                case ENTITLED_FEATURE -> features.computeIfAbsent(new FeatureId(a), k -> new TreeSet<>()).add(new ModuleId(b));
                case ENTITLED_VIEW -> views.computeIfAbsent(new ViewId(a), k -> new TreeSet<>()).add(new ModuleId(b));
                case ROUTE -> {
                    routeRoles.add(new RoleId(a));
                    routeTeams.add(Optional.ofNullable(b).map(TeamId::new));
                }
                case FEATURE_GRANTED -> featureGrants.computeIfAbsent(new RoleId(a), k -> new HashMap<>())
                        .put(new Permission(new FeatureId(b), t1), Effect.valueOf(t2));
                case VIEW_GRANTED -> viewGrants.computeIfAbsent(new RoleId(a), k -> new HashMap<>())
                        .put(new ViewId(b), Effect.valueOf(t2));
                case FEATURE_ENTRY -> {
                    FeatureId id = new FeatureId(a);
                    entries.putIfAbsent(id, new String[] {t2, t3});
                    entryActions.computeIfAbsent(id, k -> new TreeSet<>()).add(t1);
                }
                default -> throw new StorageException(StorageException.Kind.REJECTED, "unexpected row kind " + kind);
            }
        }

        AccessSnapshot snapshot(UserId user) {
            if (!gateSeen) {
                throw new StorageException(StorageException.Kind.REJECTED, "the access query returned no gate row");
            }
            Optional<Reason> blocked = blocked();
            if (blocked.isPresent()) {
                return AccessSnapshot.blocked(ctx.org, user, blocked.get());
            }
            List<RoleGrants> roles = new ArrayList<>(routeRoles.size());
            for (int i = 0; i < routeRoles.size(); i++) {
                RoleId role = routeRoles.get(i);
                roles.add(new RoleGrants(role, routeTeams.get(i), featureGrants.getOrDefault(role, Map.of()),
                        viewGrants.getOrDefault(role, Map.of())));
            }
            return new AccessSnapshot(ctx.org, user, Optional.empty(), features, views, roles);
        }

        /** The first of rules 1 and 2 that fails, in the order of {@link Reason}. */
        private Optional<Reason> blocked() {
            if (orgState == null) {
                return Optional.of(Reason.ORGANIZATION_NOT_FOUND);
            }
            if (orgState.equals(DELETED)) {
                return Optional.of(Reason.ORGANIZATION_DELETED);
            }
            if (!orgState.equals(ACTIVE)) {
                return Optional.of(Reason.ORGANIZATION_SUSPENDED);
            }
            // A tenant sees only its members' user rows (V12): of anyone else it knows nothing.
            if (memberState == null || userState == null) {
                return Optional.of(Reason.NOT_A_MEMBER);
            }
            if (userState.equals(DELETED)) {
                return Optional.of(Reason.USER_DELETED);
            }
            if (!userState.equals(ACTIVE)) {
                return Optional.of(Reason.USER_NOT_ACTIVE);
            }
            if (!memberState.equals(ACTIVE)) {
                return Optional.of(Reason.MEMBERSHIP_NOT_ACTIVE);
            }
            return Optional.empty();
        }
    }
}
