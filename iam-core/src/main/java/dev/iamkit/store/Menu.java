package dev.iamkit.store;

import dev.iamkit.model.MenuNode;
import dev.iamkit.model.UserId;
import java.util.List;

/**
 * The part of the global menu definition ({@link NavigationStore}) a user may see in the scope's
 * organization. Computed afresh at every call from the same rules as
 * {@link dev.iamkit.authz.Authz#canAccessView}; no cache is involved. Inside {@code inTenant} it
 * reflects the work's own uncommitted changes. May throw {@link dev.iamkit.error.StorageException}.
 */
public interface Menu {

    /**
     * The visible menu tree: an item with a view is visible iff the user may access the view; a
     * group iff at least one of its sub-items is visible. An item that is not visible hides its
     * sub-items. Roots and children are ordered by position, then id. Empty, never null, for a user
     * who may see nothing, an unknown user or an unknown organization.
     *
     * @throws dev.iamkit.error.ValidationException on {@code userId} when it is null
     */
    List<MenuNode> forUser(UserId user);
}
