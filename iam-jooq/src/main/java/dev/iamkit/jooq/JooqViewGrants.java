package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.CATALOG_VIEW;
import static dev.iamkit.jooq.generated.Tables.VIEW_GRANT;

import dev.iamkit.authz.Impact;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.jooq.generated.tables.records.ViewGrantRecord;
import dev.iamkit.model.Effect;
import dev.iamkit.model.RoleId;
import dev.iamkit.model.Validate;
import dev.iamkit.model.ViewAccess;
import dev.iamkit.model.ViewGrant;
import dev.iamkit.model.ViewId;
import dev.iamkit.support.AuditRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * A role's view grants in the scope's organization, for {@link JooqGrantStore}: the same role lock
 * orders their writers ({@link JooqGrantStore#lockRole}).
 */
final class JooqViewGrants {
    private final TenantContext ctx;

    JooqViewGrants(TenantContext ctx) {
        this.ctx = ctx;
    }

    /** One exchange, as a feature grant ({@link GrantOneSql}); then the audit event. */
    ViewGrant grant(RoleId role, ViewAccess access) {
        Validate.notNull("role", role);
        Validate.notNull("access", access);
        return ctx.write(sql -> {
            ViewGrant stored = new ViewGrant(ctx.org, role, access.viewId(), access.effect(), ctx.actor.label(), ctx.now());
            GrantOneSql.Granted g = sql.connectionResult(c -> ctx.statements.grantOne.grantView(c, ctx.org.value(), role.value(),
                    access.viewId().value(), access.effect().name(), stored.grantedBy(), Times.db(stored.grantedAt()), Impact.role(role).encode()));
            if (!g.roleFound()) {
                throw new NotFoundException("role", role);
            }
            if (!g.found()) {
                throw new NotFoundException("view", access.viewId());
            }
            ViewGrant previous = g.oldEffect() == null ? null
                    : new ViewGrant(ctx.org, role, access.viewId(), Effect.valueOf(g.oldEffect()), g.oldBy(), Times.api(g.oldAt()));
            if (previous != null && previous.effect() == access.effect()) {
                return ctx.unchanged(sql, previous);   // held as asked: nothing written
            }
            ctx.auditGrants(sql, role, g.counters(), AuditRecord.of("view_grant.set", "role", role, previous, stored).affecting(Impact.role(role)));
            return stored;
        });
    }

    /** One exchange, as a feature grant's revocation; then the audit event. */
    boolean revoke(RoleId role, ViewId view) {
        Validate.notNull("role", role);
        Validate.notNull("view", view);
        return ctx.write(sql -> {
            GrantOneSql.Revoked r = sql.connectionResult(c -> ctx.statements.grantOne.revokeView(c, ctx.org.value(), role.value(), view.value(),
                    Impact.role(role).encode()));
            if (!r.roleFound()) {
                throw new NotFoundException("role", role);
            }
            if (r.effect() == null) {
                return ctx.unchanged(sql, false);
            }
            ViewGrant removed = new ViewGrant(ctx.org, role, view, Effect.valueOf(r.effect()), r.grantedBy(), Times.api(r.grantedAt()));
            ctx.auditGrants(sql, role, r.counters(), AuditRecord.of("view_grant.remove", "role", role, removed, null).affecting(Impact.role(role)));
            return true;
        });
    }

    /** As {@link JooqGrantStore#replace}: the view grants that stay with their effect are kept as they are; a replacement that changes nothing writes nothing. */
    List<ViewGrant> replace(RoleId role, Collection<ViewAccess> views) {
        Validate.notNull("role", role);
        Validate.notNull("views", views);
        views.forEach(v -> Validate.notNull("views", v));
        List<ViewAccess> given = List.copyOf(views);
        return ctx.write(sql -> {
            JooqGrantStore.lockRole(ctx, sql, role);
            String by = ctx.actor.label();
            Instant at = Validate.instant("grantedAt", ctx.now());
            Set<UUID> known = existingViews(sql, given);
            TreeMap<ViewId, ViewAccess> next = new TreeMap<>();
            for (ViewAccess v : given) {
                if (next.containsKey(v.viewId())) {
                    throw new ValidationException("views", "view " + v.viewId() + " appears twice");
                }
                if (!known.contains(v.viewId().value())) {
                    throw new NotFoundException("view", v.viewId());
                }
                next.put(v.viewId(), v);
            }
            // read after the role's lock, which every writer of its view grants holds
            List<ViewGrant> before = sql.selectFrom(VIEW_GRANT)
                    .where(VIEW_GRANT.ORG_ID.eq(ctx.org.value()), VIEW_GRANT.ROLE_ID.eq(role.value()))
                    .fetch(this::viewGrant)
                    .stream().sorted(Comparator.comparing(ViewGrant::viewId)).toList();
            List<ViewGrant> after = JooqGrantStore.kept(before, List.copyOf(next.values()), ViewGrant::viewId, ViewAccess::viewId,
                    (h, v) -> h.effect() == v.effect(), v -> new ViewGrant(ctx.org, role, v.viewId(), v.effect(), by, at));
            Set<ViewGrant> held = new HashSet<>(before);   // a grant kept is one of these; a new or changed one is not
            List<ViewGrant> written = after.stream().filter(g -> !held.contains(g)).toList();
            UUID[] removed = before.stream().filter(g -> !next.containsKey(g.viewId())).map(g -> g.viewId().value()).toArray(UUID[]::new);
            if (written.isEmpty() && removed.length == 0) {
                return ctx.unchanged(sql, before);
            }
            if (removed.length > 0) {
                sql.deleteFrom(VIEW_GRANT)
                        .where(VIEW_GRANT.ORG_ID.eq(ctx.org.value()), VIEW_GRANT.ROLE_ID.eq(role.value()),
                                VIEW_GRANT.VIEW_ID.eq(DSL.any(DSL.val(removed, SQLDataType.UUID.array()))))
                        .execute();
            }
            if (!written.isEmpty()) {
                // rows of VALUES, not a SELECT from unnest: Citus inserts the rows of a SELECT that reads no table
                // through the coordinator by COPY, which row level security refuses
                var insert = sql.insertInto(VIEW_GRANT, VIEW_GRANT.ORG_ID, VIEW_GRANT.ROLE_ID, VIEW_GRANT.VIEW_ID, VIEW_GRANT.EFFECT,
                        VIEW_GRANT.GRANTED_BY, VIEW_GRANT.GRANTED_AT);
                for (ViewGrant g : written) {
                    insert = insert.values(ctx.org.value(), role.value(), g.viewId().value(), g.effect().name(), by, Times.db(at));
                }
                insert.onConflict(VIEW_GRANT.ORG_ID, VIEW_GRANT.ROLE_ID, VIEW_GRANT.VIEW_ID)
                        .doUpdate()
                        .set(VIEW_GRANT.EFFECT, DSL.excluded(VIEW_GRANT.EFFECT))
                        .set(VIEW_GRANT.GRANTED_BY, DSL.excluded(VIEW_GRANT.GRANTED_BY))
                        .set(VIEW_GRANT.GRANTED_AT, DSL.excluded(VIEW_GRANT.GRANTED_AT))
                        .execute();
            }
            ctx.auditGrants(sql, role, AuditRecord.of("view_grants.replace", "role", role, before, after).affecting(Impact.role(role)));
            return after;
        });
    }

    List<ViewGrant> list(RoleId role) {
        Validate.notNull("role", role);
        return ctx.read(sql -> {
            List<ViewGrant> out = sql.selectFrom(VIEW_GRANT)
                    .where(VIEW_GRANT.ORG_ID.eq(ctx.org.value()), VIEW_GRANT.ROLE_ID.eq(role.value()))
                    .orderBy(VIEW_GRANT.VIEW_ID)
                    .fetch(this::viewGrant);
            if (out.isEmpty()) {
                JooqGrantStore.requireRole(ctx, sql, role);
            }
            return out;
        });
    }

    private static Set<UUID> existingViews(DSLContext sql, List<ViewAccess> views) {
        if (views.isEmpty()) {
            return Set.of();
        }
        UUID[] ids = views.stream().map(v -> v.viewId().value()).distinct().toArray(UUID[]::new);
        return new HashSet<>(sql.select(CATALOG_VIEW.ID).from(CATALOG_VIEW)
                .where(CATALOG_VIEW.ID.eq(DSL.any(DSL.val(ids, SQLDataType.UUID.array()))))
                .fetch(CATALOG_VIEW.ID));
    }

    private ViewGrant viewGrant(ViewGrantRecord r) {
        return new ViewGrant(ctx.org, new RoleId(r.getRoleId()), new ViewId(r.getViewId()), Effect.valueOf(r.getEffect()),
                r.getGrantedBy(), Times.api(r.getGrantedAt()));
    }
}
