package dev.iamkit.jooq;

import dev.iamkit.error.StorageException;
import static dev.iamkit.jooq.generated.Tables.ENTITLEMENT;
import static dev.iamkit.jooq.generated.Tables.FEATURE;
import static dev.iamkit.jooq.generated.Tables.FEATURE_GRANT;
import static dev.iamkit.jooq.generated.Tables.GLOBAL_COUNTER;
import static dev.iamkit.jooq.generated.Tables.MODULE_FEATURE;
import static dev.iamkit.jooq.generated.Tables.ORG_COUNTER;
import static dev.iamkit.jooq.generated.Tables.TEAM_ASSIGNMENT;
import static dev.iamkit.jooq.generated.Tables.TEAM_MEMBER;
import static dev.iamkit.jooq.generated.Tables.USER_ASSIGNMENT;

import dev.iamkit.authz.AuthzCache;
import dev.iamkit.authz.CachingAuthz;
import dev.iamkit.authz.CompiledAccess;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.Permission;
import dev.iamkit.model.UserId;
import dev.iamkit.model.Validate;
import dev.iamkit.model.ViewId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
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
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.Select;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Compiles what one user may do in the scope's organization, for the cache. Each answer rests on
 * ONE statement, so one snapshot: the revisions tag exactly the data read.
 * <ul>
 * <li>Plain PostgreSQL, when the store holds a copy of what the organization's members share
 *     ({@link SharedAccess}): first one plain statement of the user's own rows
 *     ({@link AccessFunctions#ownCall}). When the copy and the store's {@link CompileCatalog} are
 *     at its counters and the copy holds every role the user reaches, that row is the whole
 *     compile (the common miss).</li>
 * <li>Otherwise, and with no copy, a call of {@code compile_direct} (V35), whose plans the session
 *     keeps, and its rows alone. It returns the gate (rule 2, the organization's and the global
 *     revision, the earliest future expiry of the user's assignments, the roles they name and the
 *     user's teams); what the organization's members share (rule 1, the entitled modules, the
 *     inclusions) only where the copy is not at this snapshot's counters; the grants, folded into
 *     arrays ({@code role_access}), of the reached roles the copy lacks; and, only when the
 *     catalog is not at the gate's global revision, what every enabled module contains.
 *     {@link MemberRows} follows the inclusions and applies rules 3 to 5 to those few rows.</li>
 * <li>Citus, where a function cannot set the tenant for the workers: the statement below, which
 *     applies all five rules in SQL and returns the permitted pairs and views themselves:
 * <pre>
 * kind  id        action  open   revision  global  valid_until      code
 *  0    -         -       gate   revision  global  earliest expiry  -              exactly one row
 *  1    feature   action  -      -         -       -                feature code   permitted feature actions
 *  2    view      -       -      -         -       -                -              permitted views
 *  3    role      -       -      -         -       -                -              roles reaching the user
 *  4    team      -       -      -         -       -                -              teams the user is in
 * </pre>
 *     The last two name what the answer rests on, as the plain compile's do, so a change to a
 *     role or team invalidates only the answers of the users it reaches.</li>
 * </ul>
 */
final class JooqAccessCompiler implements CachingAuthz.Compiler {
    private static final String ALLOW = "ALLOW";
    private static final int GATE = 0;
    private static final int PERMISSION = 1;
    private static final int VIEW = 2;
    private static final int ROLE = 3;
    private static final int TEAM = 4;
    private static final Field<UUID> NO_UUID = DSL.castNull(SQLDataType.UUID);
    private static final Field<String> NO_TEXT = DSL.castNull(SQLDataType.CLOB);
    private static final Field<Boolean> NO_BOOL = DSL.castNull(SQLDataType.BOOLEAN);
    private static final Field<Long> NO_LONG = DSL.castNull(SQLDataType.BIGINT);
    private static final Field<OffsetDateTime> NO_TIME = DSL.castNull(SQLDataType.TIMESTAMPWITHTIMEZONE);

    private final TenantContext ctx;

    JooqAccessCompiler(TenantContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public CompiledAccess compile(UserId user) {
        Validate.notNull("userId", user);
        if (ctx.functions == null) {
            // Citus: the function could not set the tenant for the workers; the statement reads under the transaction's setting
            return ctx.read(sql -> {
                Rows rows = new Rows(user);
                // the user's state apart (AccessSql.userActive), with the global revision: a change to the user between the two
                // statements moves the revision past the one the answer is tagged with, so the cache takes it as out of date
                Record2<Boolean, Long> first = sql.select(DSL.field(AccessSql.userActive(user.value())),
                        DSL.field(DSL.select(GLOBAL_COUNTER.REVISION).from(GLOBAL_COUNTER))).fetchSingle();
                for (Record r : query(sql, user, first.value1() ? DSL.trueCondition() : DSL.falseCondition(), DSL.val(first.value2())).fetch()) {
                    rows.add(r.get(0, Integer.class), r.get(1, UUID.class), r.get(2, String.class), r.get(3, Boolean.class),
                            r.get(4, Long.class), r.get(5, Long.class), r.get(6, OffsetDateTime.class), r.get(7, String.class));
                }
                return rows.compiled();
            });
        }
        CompileCatalog.Copy held = ctx.functions.catalog.current();
        // to the server's precision, so the shared parts are judged at the instant the server judged them
        java.time.Instant at = ctx.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        SharedAccess.Copy shared = ctx.functions.shared.usable(ctx.org.value(), at);
        // a copy older than a change of what members share that this process has heard of cannot serve: straight to the function
        boolean ownFirst = shared != null && ctx.cache.sharedChangeHeard(ctx.org) <= shared.access();
        return ctx.runner.selfScoped(sql -> sql.connectionResult(c -> {
            if (ownFirst) {
                // The user's own rows first, in one plain statement: with the copies at its counters, the whole compile.
                MemberRows own = new MemberRows(ctx.org, user, at, held, shared);
                try (PreparedStatement ps = c.prepareStatement(ctx.functions.ownCall)) {
                    ps.setString(1, ctx.org.value().toString());
                    ps.setObject(2, user.value());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            own.own(rs);
                        }
                    }
                }
                if (own.served()) {
                    ctx.functions.ownCompiles.increment();
                    return own.compiled(ctx.functions.catalog, ctx.functions.shared);
                }
            }
            // Otherwise one call of compile_direct (V35), whose rows alone make the answer: one statement, so one snapshot.
            ctx.functions.functionCompiles.increment();
            try (PreparedStatement ps = c.prepareStatement(ctx.functions.compileCall)) {
                ps.setObject(1, ctx.org.value());
                ps.setObject(2, user.value());
                ps.setObject(3, Times.db(at));
                ps.setLong(4, held.revision());
                ps.setLong(5, shared == null ? SharedAccess.NONE : shared.access());
                ps.setLong(6, shared == null ? SharedAccess.NONE : shared.epoch());
                ps.setString(7, shared == null ? null : shared.have());
                MemberRows rows = new MemberRows(ctx.org, user, at, held, shared);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(rs);
                    }
                }
                return rows.compiled(ctx.functions.catalog, ctx.functions.shared);
            }
        }));
    }

    /** Plain PostgreSQL: both revisions in one statement ({@link AccessFunctions#currentCall}); not on Citus. */
    @Override
    public boolean readsCurrent() {
        return ctx.functions != null;
    }

    /** One round trip, a statement the server keeps prepared: two rows read by key. */
    @Override
    public AuthzCache.Floor current() {
        return ctx.runner.selfScoped(sql -> sql.connectionResult(c -> {
            try (PreparedStatement ps = c.prepareStatement(ctx.functions.currentCall)) {
                ps.setString(1, ctx.org.value().toString());
                ps.setObject(2, ctx.org.value());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    long revision = rs.getLong(1);      // no counter row: the organization has no revision yet, 0 (as a compile reads it)
                    long access = rs.getLong(2);
                    return rs.wasNull() ? null : new AuthzCache.Floor(revision, access);
                }
            }
        }));
    }

    /** The rows of the Citus statement, in the layout of the class comment, turned into the compiled access. */
    private final class Rows {
        private final UserId user;
        private boolean gateSeen;
        private boolean open;
        private long revision;
        private long global;
        private Optional<OffsetDateTime> validUntil = Optional.empty();
        private final SortedSet<Permission> permissions = new TreeSet<>();
        private final Map<FeatureId, String> codes = new HashMap<>();
        private final SortedSet<ViewId> views = new TreeSet<>();
        private final Set<UUID> roles = new HashSet<>();
        private final Set<UUID> teams = new HashSet<>();

        Rows(UserId user) {
            this.user = user;
        }

        void add(int kind, UUID id, String action, Boolean gateOpen, Long rev, Long g, OffsetDateTime until, String code) {
            switch (kind) {
                case GATE -> {
                    gateSeen = true;
                    open = Boolean.TRUE.equals(gateOpen);
                    revision = rev == null ? 0 : rev;
                    global = g == null ? 0 : g;
                    validUntil = Optional.ofNullable(until);
                }
                case PERMISSION -> {
                    FeatureId feature = new FeatureId(id);
                    permissions.add(new Permission(feature, action));
                    codes.put(feature, code);
                }
                case VIEW -> views.add(new ViewId(id));
                case ROLE -> roles.add(id);
                case TEAM -> teams.add(id);
                default -> throw new StorageException(StorageException.Kind.REJECTED, "unexpected row kind " + kind);
            }
        }

        CompiledAccess compiled() {
            if (!gateSeen) {
                throw new StorageException(StorageException.Kind.REJECTED, "the access compile returned no gate row");
            }
            if (!open) {
                // shut out by rules 1 or 2: no role or team can open it, only the user, the membership or global data
                return new CompiledAccess(ctx.org, user, revision, global, Optional.empty(), new TreeSet<>(), Map.of(), new TreeSet<>(),
                        new CompiledAccess.Dependencies(Set.of(), Set.of()));
            }
            return new CompiledAccess(ctx.org, user, revision, global, validUntil.map(OffsetDateTime::toInstant), permissions, codes, views,
                    new CompiledAccess.Dependencies(roles, teams));
        }
    }

    /** {@code userActive}: rule 2's user half; {@code global}: the global revision the answer is tagged with, read with it. */
    private Select<? extends Record> query(DSLContext sql, UserId user, Condition userActive, Field<Long> global) {
        UUID org = ctx.org.value();
        UUID u = user.value();
        OffsetDateTime now = Times.db(ctx.now());

        AccessSql.Rules rules = AccessSql.Rules.of(org, u, now, userActive);
        CommonTableExpression<Record1<Boolean>> gate = rules.gate();
        CommonTableExpression<Record1<UUID>> usable = rules.usable();
        Field<UUID> usableModule = rules.usableModule();
        CommonTableExpression<Record1<UUID>> routes = rules.routes();
        Field<UUID> routeRole = rules.routeRole();

        // The earliest future expiry among what the answer rests on: entitlements and the user's assignments.
        Field<OffsetDateTime> expiry = DSL.field(DSL.name("expiry"), SQLDataType.TIMESTAMPWITHTIMEZONE);
        var expiries = DSL.select(ENTITLEMENT.EXPIRES_AT.as("expiry")).from(ENTITLEMENT)
                .where(ENTITLEMENT.ORG_ID.eq(org), ENTITLEMENT.EXPIRES_AT.gt(now))
                .unionAll(DSL.select(USER_ASSIGNMENT.EXPIRES_AT).from(USER_ASSIGNMENT)
                        .where(USER_ASSIGNMENT.ORG_ID.eq(org), USER_ASSIGNMENT.USER_ID.eq(u), USER_ASSIGNMENT.EXPIRES_AT.gt(now)))
                .unionAll(DSL.select(TEAM_ASSIGNMENT.EXPIRES_AT).from(TEAM_ASSIGNMENT)
                        .join(TEAM_MEMBER).on(TEAM_MEMBER.ORG_ID.eq(TEAM_ASSIGNMENT.ORG_ID), TEAM_MEMBER.TEAM_ID.eq(TEAM_ASSIGNMENT.TEAM_ID))
                        .where(TEAM_ASSIGNMENT.ORG_ID.eq(org), TEAM_MEMBER.USER_ID.eq(u), TEAM_ASSIGNMENT.EXPIRES_AT.gt(now)))
                .asTable("expiries");

        var rows = DSL.select(DSL.inline(GATE), NO_UUID, NO_TEXT,
                        DSL.field(DSL.select(gate.field("open", Boolean.class)).from(gate)),
                        DSL.field(DSL.select(ORG_COUNTER.REVISION).from(ORG_COUNTER).where(ORG_COUNTER.ORG_ID.eq(org))),
                        global,
                        DSL.field(DSL.select(DSL.min(expiry)).from(expiries)), NO_TEXT)
                // Rules 4 and 5 together: a permission some route allows and none denies.
                .unionAll(DSL.select(DSL.inline(PERMISSION), FEATURE_GRANT.FEATURE_ID, FEATURE_GRANT.ACTION, NO_BOOL, NO_LONG, NO_LONG, NO_TIME,
                                DSL.field(DSL.select(FEATURE.CODE).from(FEATURE).where(FEATURE.ID.eq(FEATURE_GRANT.FEATURE_ID))))
                        .from(FEATURE_GRANT)
                        .where(FEATURE_GRANT.ORG_ID.eq(org), FEATURE_GRANT.ROLE_ID.in(DSL.select(routeRole).from(routes)),
                                FEATURE_GRANT.FEATURE_ID.in(DSL.select(MODULE_FEATURE.FEATURE_ID).from(MODULE_FEATURE)
                                        .where(MODULE_FEATURE.MODULE_ID.in(DSL.select(usableModule).from(usable)))))
                        .groupBy(FEATURE_GRANT.FEATURE_ID, FEATURE_GRANT.ACTION)
                        .having(DSL.boolAnd(FEATURE_GRANT.EFFECT.eq(DSL.inline(ALLOW)))))
                .unionAll(DSL.select(DSL.inline(VIEW), DSL.field(DSL.name("v", "view_id"), UUID.class), NO_TEXT, NO_BOOL, NO_LONG, NO_LONG, NO_TIME,
                                NO_TEXT)
                        .from(AccessSql.permittedViews(org, rules).asTable("v", "view_id")))
                // What the answer rests on: the roles reaching the user (none when the gate is shut) and the user's teams.
                .unionAll(DSL.select(DSL.inline(ROLE), routeRole, NO_TEXT, NO_BOOL, NO_LONG, NO_LONG, NO_TIME, NO_TEXT).from(routes))
                .unionAll(DSL.select(DSL.inline(TEAM), TEAM_MEMBER.TEAM_ID, NO_TEXT, NO_BOOL, NO_LONG, NO_LONG, NO_TIME, NO_TEXT)
                        .from(TEAM_MEMBER).where(TEAM_MEMBER.ORG_ID.eq(org), TEAM_MEMBER.USER_ID.eq(u)))
                .asTable("c", "kind", "id", "action", "open", "revision", "global", "valid_until", "code");
        return rules.with(sql).select(rows.fields()).from(rows);
    }
}
