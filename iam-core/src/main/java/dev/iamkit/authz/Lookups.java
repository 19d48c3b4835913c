package dev.iamkit.authz;

import dev.iamkit.model.FeatureId;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Permission;
import dev.iamkit.model.UserId;
import dev.iamkit.model.ViewId;

/**
 * Reverse lookups over the scope's organization: who may do something, and what someone may do,
 * a page at a time. Every answer is exactly what {@link Authz} would say at that moment at
 * {@link Consistency#full()} or {@link Consistency#uncached()}: lookups read the store, never the cache, and inside
 * {@code inTenant} they see the work's own uncommitted changes.
 *
 * <p>Every list is keyset-paged by its key (never by offset): a page holds the items after the
 * request's cursor, so an item that exists for the whole walk is returned exactly once, in order,
 * whatever is added or removed between pages; an item added or removed during the walk may or may
 * not appear. Each page is read at one moment (on PostgreSQL, one statement).
 *
 * <p>Unknown ids (organization, user, feature, view) and actions the feature does not have give
 * empty pages, never an exception. Every method may throw {@link dev.iamkit.error.StorageException};
 * a null argument is a {@link dev.iamkit.error.ValidationException} naming it ({@code featureId},
 * {@code action}, {@code viewId}, {@code userId}, {@code page}), as is a malformed action
 * ({@code action}) and a cursor this list cannot have produced ({@code after}).
 */
public interface Lookups {

    /**
     * The users for whom {@link Authz#check check(user, feature, action)} is true, in user id
     * order (the cursor is the last user id, as for {@code users().list}); never null.
     */
    Page<UserId> usersWhoCan(FeatureId feature, String action, PageRequest page);

    /**
     * The users for whom {@link Authz#canAccessView canAccessView(user, view)} is true, in user id
     * order; never null.
     */
    Page<UserId> usersWhoCanAccessView(ViewId view, PageRequest page);

    /**
     * The user's {@link Authz#effectivePermissions effective permissions}, a page at a time, in
     * {@link Permission} order (feature id, then action); the cursor is the last permission
     * ({@link PageRequest#afterPermission()}). Never null.
     */
    Page<Permission> permissionsOf(UserId user, PageRequest page);

    /** The user's {@link Authz#accessibleViews accessible views}, in view id order; never null. */
    Page<ViewId> viewsOf(UserId user, PageRequest page);
}
