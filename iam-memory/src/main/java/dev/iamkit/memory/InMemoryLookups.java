package dev.iamkit.memory;

import dev.iamkit.authz.AccessEvaluator;
import dev.iamkit.authz.AccessSnapshot;
import dev.iamkit.authz.Lookups;
import dev.iamkit.model.Feature;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.Membership;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Permission;
import dev.iamkit.model.UserId;
import dev.iamkit.model.Validate;
import dev.iamkit.model.ViewId;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Lookups decided by {@link AccessEvaluator} on the same snapshots the checks read, so they agree
 * with {@code authz()} by construction. A page is read under one read lock: one moment of the
 * state, the transaction's own writes included inside {@code inTenant}. Who may do something is
 * found by walking the memberships in user id order from the cursor and deciding each user, until
 * the page is full.
 */
final class InMemoryLookups implements Lookups {
    private final TenantContext ctx;
    private final InMemoryAccessSource access;

    InMemoryLookups(TenantContext ctx, InMemoryAccessSource access) {
        this.ctx = ctx;
        this.access = access;
    }

    @Override
    public Page<UserId> usersWhoCan(FeatureId feature, String action, PageRequest page) {
        Permission asked = new Permission(feature, action);   // validates featureId and action
        Validate.notNull("page", page).afterUuid();   // a cursor of another list fails before anything is read
        return ctx.read(d -> {
            Optional<Feature> entry = Optional.ofNullable(ctx.state.features.get(asked.featureId()));
            return users(d, page, s -> AccessEvaluator.explain(s, entry, asked.action()).allowed());
        });
    }

    @Override
    public Page<UserId> usersWhoCanAccessView(ViewId view, PageRequest page) {
        Validate.notNull("viewId", view);
        Validate.notNull("page", page).afterUuid();
        return ctx.read(d -> {
            boolean exists = ctx.state.views.containsKey(view);
            return users(d, page, s -> AccessEvaluator.explainView(s, exists, view).allowed());
        });
    }

    @Override
    public Page<Permission> permissionsOf(UserId user, PageRequest page) {
        Validate.notNull("userId", user);
        Validate.notNull("page", page);
        Optional<Permission> after = page.afterPermission();
        return ctx.read(d -> Paging.ofKeys(new TreeSet<>(AccessEvaluator.effectivePermissions(access.read(d, user),
                        id -> Optional.ofNullable(ctx.state.features.get(id)))),
                after, page.limit(), PageRequest::cursorOf));
    }

    @Override
    public Page<ViewId> viewsOf(UserId user, PageRequest page) {
        Validate.notNull("userId", user);
        Validate.notNull("page", page);
        Optional<ViewId> after = page.afterUuid().map(ViewId::of);
        return ctx.read(d -> Paging.ofKeys(new TreeSet<>(AccessEvaluator.accessibleViews(access.read(d, user))),
                after, page.limit(), ViewId::toString));
    }

    /** The members after the cursor, in user id order, whose snapshot {@code allowed} accepts, until the page is full. */
    private Page<UserId> users(TenantData d, PageRequest page, Predicate<AccessSnapshot> allowed) {
        Page<Membership> members = Paging.byId(d.memberships, page, UserId::of,
                m -> allowed.test(access.read(d, m.userId())), Membership::userId);
        return new Page<>(members.items().stream().map(Membership::userId).toList(), members.nextCursor(), members.limit());
    }
}
