package dev.iamkit.memory;

import dev.iamkit.authz.Impact;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.Feature;
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
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A role's feature and view grants in one organization. */
final class InMemoryGrantStore implements GrantStore {
    private final TenantContext ctx;

    InMemoryGrantStore(TenantContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public FeatureGrant grant(RoleId role, Grant grant) {
        Validate.notNull("role", role);
        Validate.notNull("grant", grant);
        return ctx.write((d, tx) -> {
            TenantContext.role(d, role);
            checkGrant(grant);
            TreeMap<Permission, FeatureGrant> held = d.grants.get(role);
            FeatureGrant previous = held == null ? null : held.get(grant.permission());
            if (previous != null && previous.effect() == grant.effect()) {
                return previous;
            }
            FeatureGrant stored = new FeatureGrant(ctx.org, role, grant.featureId(), grant.action(), grant.effect(), ctx.actor.label(), ctx.now());
            tx.put(tx.child(d.grants, role, TreeMap::new), grant.permission(), stored);
            ctx.audit(d, tx, AuditRecord.of("grant.set", "role", role, previous, stored).affecting(Impact.role(role)));
            return stored;
        });
    }

    @Override
    public boolean revoke(RoleId role, FeatureId feature, String action) {
        Validate.notNull("role", role);
        Permission p = new Permission(feature, action);
        return ctx.write((d, tx) -> {
            TenantContext.role(d, role);
            TreeMap<Permission, FeatureGrant> held = d.grants.get(role);
            FeatureGrant removed = held == null ? null : tx.remove(held, p);
            if (removed == null) {
                return false;
            }
            ctx.audit(d, tx, AuditRecord.of("grant.remove", "role", role, removed, null).affecting(Impact.role(role)));
            return true;
        });
    }

    @Override
    public List<FeatureGrant> replace(RoleId role, Collection<Grant> grants) {
        Validate.notNull("role", role);
        Validate.notNull("grants", grants);
        grants.forEach(g -> Validate.notNull("grants", g));
        return ctx.write((d, tx) -> {
            TenantContext.role(d, role);
            String by = ctx.actor.label();
            Instant at = ctx.now();
            TreeMap<Permission, FeatureGrant> held = d.grants.get(role);
            TreeMap<Permission, FeatureGrant> next = new TreeMap<>();
            for (Grant g : grants) {
                if (next.containsKey(g.permission())) {
                    throw new ValidationException("grants", "action '" + g.action() + "' of feature " + g.featureId() + " appears twice");
                }
                checkGrant(g);
                FeatureGrant h = held == null ? null : held.get(g.permission());
                // a grant that stays with its effect keeps who granted it and when
                next.put(g.permission(), h != null && h.effect() == g.effect() ? h
                        : new FeatureGrant(ctx.org, role, g.featureId(), g.action(), g.effect(), by, at));
            }
            List<FeatureGrant> before = values(held);
            if (before.equals(List.copyOf(next.values()))) {
                return before;   // nothing changes: nothing written, nothing recorded
            }
            tx.put(d.grants, role, next);
            List<FeatureGrant> after = List.copyOf(next.values());
            ctx.audit(d, tx, AuditRecord.of("grants.replace", "role", role, before, after).affecting(Impact.role(role)));
            return after;
        });
    }

    @Override
    public List<FeatureGrant> list(RoleId role) {
        Validate.notNull("role", role);
        return ctx.read(d -> {
            TenantContext.role(d, role);
            return values(d.grants.get(role));
        });
    }

    @Override
    public ViewGrant grantView(RoleId role, ViewAccess access) {
        Validate.notNull("role", role);
        Validate.notNull("access", access);
        return ctx.write((d, tx) -> {
            TenantContext.role(d, role);
            checkView(access.viewId());
            TreeMap<ViewId, ViewGrant> held = d.viewGrants.get(role);
            ViewGrant previous = held == null ? null : held.get(access.viewId());
            if (previous != null && previous.effect() == access.effect()) {
                return previous;
            }
            ViewGrant stored = new ViewGrant(ctx.org, role, access.viewId(), access.effect(), ctx.actor.label(), ctx.now());
            tx.put(tx.child(d.viewGrants, role, TreeMap::new), access.viewId(), stored);
            ctx.audit(d, tx, AuditRecord.of("view_grant.set", "role", role, previous, stored).affecting(Impact.role(role)));
            return stored;
        });
    }

    @Override
    public boolean revokeView(RoleId role, ViewId view) {
        Validate.notNull("role", role);
        Validate.notNull("view", view);
        return ctx.write((d, tx) -> {
            TenantContext.role(d, role);
            TreeMap<ViewId, ViewGrant> held = d.viewGrants.get(role);
            ViewGrant removed = held == null ? null : tx.remove(held, view);
            if (removed == null) {
                return false;
            }
            ctx.audit(d, tx, AuditRecord.of("view_grant.remove", "role", role, removed, null).affecting(Impact.role(role)));
            return true;
        });
    }

    @Override
    public List<ViewGrant> replaceViews(RoleId role, Collection<ViewAccess> views) {
        Validate.notNull("role", role);
        Validate.notNull("views", views);
        views.forEach(v -> Validate.notNull("views", v));
        return ctx.write((d, tx) -> {
            TenantContext.role(d, role);
            String by = ctx.actor.label();
            Instant at = ctx.now();
            TreeMap<ViewId, ViewGrant> held = d.viewGrants.get(role);
            TreeMap<ViewId, ViewGrant> next = new TreeMap<>();
            for (ViewAccess v : views) {
                if (next.containsKey(v.viewId())) {
                    throw new ValidationException("views", "view " + v.viewId() + " appears twice");
                }
                checkView(v.viewId());
                ViewGrant h = held == null ? null : held.get(v.viewId());
                next.put(v.viewId(), h != null && h.effect() == v.effect() ? h : new ViewGrant(ctx.org, role, v.viewId(), v.effect(), by, at));
            }
            List<ViewGrant> before = values(held);
            if (before.equals(List.copyOf(next.values()))) {
                return before;
            }
            tx.put(d.viewGrants, role, next);
            List<ViewGrant> after = List.copyOf(next.values());
            ctx.audit(d, tx, AuditRecord.of("view_grants.replace", "role", role, before, after).affecting(Impact.role(role)));
            return after;
        });
    }

    @Override
    public List<ViewGrant> listViews(RoleId role) {
        Validate.notNull("role", role);
        return ctx.read(d -> {
            TenantContext.role(d, role);
            return values(d.viewGrants.get(role));
        });
    }

    private void checkGrant(Grant g) {
        Feature f = ctx.state.features.get(g.featureId());
        if (f == null) {
            throw new NotFoundException("feature", g.featureId());
        }
        if (!f.supports(g.action())) {
            throw new ValidationException("action", "feature " + f.code() + " has no action '" + g.action() + "'");
        }
    }

    private void checkView(ViewId view) {
        if (!ctx.state.views.containsKey(view)) {
            throw new NotFoundException("view", view);
        }
    }

    private static <K, V> List<V> values(Map<K, V> map) {
        return map == null ? List.of() : List.copyOf(map.values());
    }
}
