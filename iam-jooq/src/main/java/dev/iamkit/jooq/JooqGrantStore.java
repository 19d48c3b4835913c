package dev.iamkit.jooq;

import dev.iamkit.authz.Impact;
import static dev.iamkit.jooq.generated.Tables.FEATURE_GRANT;
import static dev.iamkit.jooq.generated.Tables.ROLE;

import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.jooq.generated.tables.records.FeatureGrantRecord;
import dev.iamkit.model.Effect;
import dev.iamkit.model.FeatureGrant;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.Grant;
import dev.iamkit.model.Permission;
import dev.iamkit.model.RoleId;
import dev.iamkit.model.Validate;
import dev.iamkit.model.ViewAccess;
import dev.iamkit.model.ViewGrant;
import dev.iamkit.model.ViewId;
import dev.iamkit.store.GrantStore;
import dev.iamkit.support.AuditRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * A role's feature and view grants in the scope's organization.
 *
 * <p>Every write first locks the role's row ({@code FOR NO KEY UPDATE}): that is the role check,
 * and it orders the grant writers of one role, so the "previous" grant an audit event records is
 * the one the write replaced. The lock does not block the foreign-key checks of other writers.
 * Like every tenant write ({@link TenantContext#write}), they fail on the organization when it does
 * not exist, as in memory, at no cost to writes that succeed.
 */
final class JooqGrantStore implements GrantStore {

    private final TenantContext ctx;
    private final JooqViewGrants views;

    JooqGrantStore(TenantContext ctx) {
        this.ctx = ctx;
        this.views = new JooqViewGrants(ctx);
    }

    // ---- feature grants -----------------------------------------------------------------------

    /**
     * One exchange ({@link GrantOneSql}): the role locked, then the role, the feature, its action and
     * the grant held read, the grant upserted and the counter moved, in a statement whose snapshot is
     * taken once the role is held; then the audit event, which rewrites the role's folded grants.
     * Nothing is written when something is missing or the grant is held with the same effect.
     */
    @Override
    public FeatureGrant grant(RoleId role, Grant grant) {
        Validate.notNull("role", role);
        Validate.notNull("grant", grant);
        return ctx.write(sql -> {
            FeatureGrant stored = new FeatureGrant(ctx.org, role, grant.featureId(), grant.action(), grant.effect(),
                    ctx.actor.label(), ctx.now());
            GrantOneSql.Granted g = sql.connectionResult(c -> ctx.statements.grantOne.grant(c, ctx.org.value(), role.value(),
                    grant.featureId().value(), grant.action(), grant.effect().name(), stored.grantedBy(), Times.db(stored.grantedAt()),
                    Impact.role(role).encode()));
            if (!g.roleFound()) {
                throw new NotFoundException("role", role);
            }
            if (!g.found()) {
                throw new NotFoundException("feature", grant.featureId());
            }
            if (!g.hasAction()) {
                throw noSuchAction(g.code(), grant.action());
            }
            FeatureGrant previous = g.oldEffect() == null ? null
                    : new FeatureGrant(ctx.org, role, grant.featureId(), grant.action(), Effect.valueOf(g.oldEffect()), g.oldBy(),
                            Times.api(g.oldAt()));
            if (previous != null && previous.effect() == grant.effect()) {
                return ctx.unchanged(sql, previous);   // held as asked: nothing written
            }
            ctx.auditGrants(sql, role, g.counters(), AuditRecord.of("grant.set", "role", role, previous, stored).affecting(Impact.role(role)));
            return stored;
        });
    }

    /** One exchange: the role locked, then the grant deleted and the counter moved once it is held; then the audit event. */
    @Override
    public boolean revoke(RoleId role, FeatureId feature, String action) {
        Validate.notNull("role", role);
        Permission p = new Permission(feature, action);
        return ctx.write(sql -> {
            GrantOneSql.Revoked r = sql.connectionResult(c -> ctx.statements.grantOne.revoke(c, ctx.org.value(), role.value(),
                    p.featureId().value(), p.action(), Impact.role(role).encode()));
            if (!r.roleFound()) {
                throw new NotFoundException("role", role);
            }
            if (r.effect() == null) {
                return ctx.unchanged(sql, false);
            }
            FeatureGrant removed = new FeatureGrant(ctx.org, role, p.featureId(), p.action(), Effect.valueOf(r.effect()), r.grantedBy(),
                    Times.api(r.grantedAt()));
            ctx.auditGrants(sql, role, r.counters(), AuditRecord.of("grant.remove", "role", role, removed, null).affecting(Impact.role(role)));
            return true;
        });
    }

    @Override
    public List<FeatureGrant> replace(RoleId role, Collection<Grant> grants) {
        Validate.notNull("role", role);
        Validate.notNull("grants", grants);
        grants.forEach(g -> Validate.notNull("grants", g));
        List<Grant> given = List.copyOf(grants);
        return ctx.write(sql -> {
            Map<UUID, FeatureActions> catalog = lockRoleReadingFeatures(sql, role, given);
            String by = ctx.actor.label();
            Instant at = Validate.instant("grantedAt", ctx.now());
            TreeMap<Permission, Grant> next = new TreeMap<>();
            for (Grant g : given) {
                if (next.containsKey(g.permission())) {
                    throw new ValidationException("grants", "action '" + g.action() + "' of feature " + g.featureId() + " appears twice");
                }
                FeatureActions f = catalog.get(g.featureId().value());
                if (f == null) {
                    throw new NotFoundException("feature", g.featureId());
                }
                if (!f.actions().contains(g.action())) {
                    throw noSuchAction(f.code(), g.action());
                }
                next.put(g.permission(), g);
            }
            Replaced replaced = replaceRows(sql, role, List.copyOf(next.values()), by, at);
            if (replaced.counters() == null) {
                return ctx.unchanged(sql, replaced.before());
            }
            ctx.auditGrants(sql, role, replaced.counters(), AuditRecord.of("grants.replace", "role", role, replaced.before(), replaced.after())
                    .affecting(Impact.role(role)));
            return replaced.after();
        });
    }

    @Override
    public List<FeatureGrant> list(RoleId role) {
        Validate.notNull("role", role);
        return ctx.read(sql -> {
            List<FeatureGrant> out = sql.selectFrom(FEATURE_GRANT)
                    .where(FEATURE_GRANT.ORG_ID.eq(ctx.org.value()), FEATURE_GRANT.ROLE_ID.eq(role.value()))
                    .orderBy(FEATURE_GRANT.FEATURE_ID, FEATURE_GRANT.ACTION.collate("C"))
                    .fetch(this::featureGrant);
            // A grant names its role by foreign key: rows prove the role exists, only none needs a look.
            if (out.isEmpty()) {
                requireRole(ctx, sql, role);
            }
            return out;
        });
    }

    // ---- view grants: JooqViewGrants ----------------------------------------------------------

    @Override
    public ViewGrant grantView(RoleId role, ViewAccess access) {
        return views.grant(role, access);
    }

    @Override
    public boolean revokeView(RoleId role, ViewId view) {
        return views.revoke(role, view);
    }

    @Override
    public List<ViewGrant> replaceViews(RoleId role, Collection<ViewAccess> views) {
        return this.views.replace(role, views);
    }

    @Override
    public List<ViewGrant> listViews(RoleId role) {
        return views.list(role);
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** The role check of every write; row level security makes another organization's role unknown. */
    static void lockRole(TenantContext ctx, DSLContext sql, RoleId role) {
        if (sql.select(ROLE.ID).from(ROLE).where(ROLE.ORG_ID.eq(ctx.org.value()), ROLE.ID.eq(role.value()))
                .forNoKeyUpdate().fetchOptional().isEmpty()) {
            throw new NotFoundException("role", role);
        }
    }

    static void requireRole(TenantContext ctx, DSLContext sql, RoleId role) {
        if (!sql.fetchExists(ROLE, ROLE.ORG_ID.eq(ctx.org.value()), ROLE.ID.eq(role.value()))) {
            throw new NotFoundException("role", role);
        }
    }

    private record FeatureActions(String code, Set<String> actions) {
    }

    /**
     * The role's lock and the code and actions of every feature the grants name, in one query:
     * the role's row, locked, outer-joined to the features (unknown features are absent). When a
     * grant names a feature or action that query did not find, it runs again, the role now held:
     * its first run read the catalog in the snapshot taken before it waited for the lock, so an
     * action added meanwhile is found only by the second. A grant the catalog really lacks costs
     * that one round trip more, on its way to a {@link ValidationException}.
     */
    private Map<UUID, FeatureActions> lockRoleReadingFeatures(DSLContext sql, RoleId role, List<Grant> grants) {
        UUID[] ids = grants.stream().map(g -> g.featureId().value()).distinct().toArray(UUID[]::new);
        Map<UUID, FeatureActions> out = featureActions(sql.connectionResult(c -> ctx.statements.grants.lock(c, ctx.org.value(), role.value(), ids)), role);
        boolean found = grants.stream().allMatch(g -> out.containsKey(g.featureId().value()) && out.get(g.featureId().value()).actions().contains(g.action()));
        return found ? out : featureActions(sql.connectionResult(c -> ctx.statements.grants.lock(c, ctx.org.value(), role.value(), ids)), role);
    }

    private static Map<UUID, FeatureActions> featureActions(List<GrantSql.FeatureRow> rows, RoleId role) {
        if (rows.isEmpty()) {
            throw new NotFoundException("role", role);
        }
        Map<UUID, FeatureActions> out = new HashMap<>();
        rows.forEach(r -> {
            if (r.feature() != null) {
                out.put(r.feature(), new FeatureActions(r.code(), Set.copyOf(r.actions())));
            }
        });
        return out;
    }

    private static ValidationException noSuchAction(String featureCode, String action) {
        return new ValidationException("action", "feature " + featureCode + " has no action '" + action + "'");
    }

    /** The grants as they were and as the replacement left them; {@code counters} null: it changed nothing. */
    private record Replaced(List<FeatureGrant> before, List<FeatureGrant> after, TenantContext.Counters counters) {
    }

    /**
     * The replacement's one statement ({@link GrantSql}): the grants as they were, the new set
     * written, the counter moved when the set changed. {@code wanted} in list order, validated.
     */
    private Replaced replaceRows(DSLContext sql, RoleId role, List<Grant> wanted, String by, Instant at) {
        int n = wanted.size();
        UUID[] features = new UUID[n];
        String[] actions = new String[n];
        String[] effects = new String[n];
        for (int i = 0; i < n; i++) {
            features[i] = wanted.get(i).featureId().value();
            actions[i] = wanted.get(i).action();
            effects[i] = wanted.get(i).effect().name();
        }
        List<FeatureGrant> before;
        TenantContext.Counters counters;
        if (ctx.onCitus()) {
            // On Citus the statement's CTEs run as steps of their own, and the one reading the grants as
            // they were ran after the upsert: there they are read first (the role's lock keeps them so),
            // and the statement runs only when the set changes, told which grants to write.
            before = sql.selectFrom(FEATURE_GRANT)
                    .where(FEATURE_GRANT.ORG_ID.eq(ctx.org.value()), FEATURE_GRANT.ROLE_ID.eq(role.value()))
                    .fetch(this::featureGrant).stream().sorted(Comparator.comparing(g -> g.toGrant().permission())).toList();
            Map<Permission, Effect> held = new HashMap<>();
            before.forEach(g -> held.put(g.toGrant().permission(), g.effect()));
            Boolean[] touch = new Boolean[n];
            boolean changes = before.size() != n;
            for (int i = 0; i < n; i++) {
                touch[i] = held.get(wanted.get(i).permission()) != wanted.get(i).effect();
                changes |= touch[i];
            }
            counters = !changes ? null : sql.connectionResult(c -> ctx.statements.grants.replace(c, true, features, actions, effects, touch,
                    ctx.org.value(), role.value(), by, Times.db(at), Impact.role(role).encode())).counters();
        } else {
            GrantSql.Replaced r = sql.connectionResult(c -> ctx.statements.grants.replace(c, false, features, actions, effects, null,
                    ctx.org.value(), role.value(), by, Times.db(at), Impact.role(role).encode()));
            before = r.before().stream()
                    .map(x -> new FeatureGrant(ctx.org, role, new FeatureId(x.feature()), x.action(), Effect.valueOf(x.effect()), x.grantedBy(),
                            Times.api(x.grantedAt())))
                    .sorted(Comparator.comparing(g -> g.toGrant().permission())).toList();
            counters = r.counters();
        }
        return new Replaced(before, kept(before, wanted, g -> g.toGrant().permission(), Grant::permission, (h, g) -> h.effect() == g.effect(),
                g -> new FeatureGrant(ctx.org, role, g.featureId(), g.action(), g.effect(), by, at)), counters);
    }

    /**
     * The grants {@code wanted} as stored after a replacement, in their order: one {@code held}
     * with the same key and effect ({@code same}) as it is, any other as {@code fresh} makes it.
     * Feature grants and view grants alike.
     */
    static <K, G, W> List<G> kept(List<G> held, List<W> wanted, Function<G, K> heldKey, Function<W, K> wantedKey, BiPredicate<G, W> same,
            Function<W, G> fresh) {
        Map<K, G> byKey = new HashMap<>();
        held.forEach(g -> byKey.put(heldKey.apply(g), g));
        List<G> out = new ArrayList<>(wanted.size());
        for (W w : wanted) {
            G h = byKey.get(wantedKey.apply(w));
            out.add(h != null && same.test(h, w) ? h : fresh.apply(w));
        }
        return List.copyOf(out);
    }

    private FeatureGrant featureGrant(FeatureGrantRecord r) {
        return new FeatureGrant(ctx.org, new RoleId(r.getRoleId()), new FeatureId(r.getFeatureId()), r.getAction(),
                Effect.valueOf(r.getEffect()), r.getGrantedBy(), Times.api(r.getGrantedAt()));
    }
}
