package dev.iamkit.store;

import dev.iamkit.model.MenuItem;
import dev.iamkit.model.MenuItemId;
import dev.iamkit.model.NewMenuItem;
import java.util.List;
import java.util.Optional;

/**
 * The global menu definition: a forest of menu items. An item with a view opens it; an item
 * without one is a group. Siblings are ordered by position, then id. What a user sees of it in an
 * organization is {@link dev.iamkit.TenantScope#menu()}. Not tenant data: changes write no audit
 * event and move no organization's revision. Every method may also throw
 * {@link dev.iamkit.error.StorageException}.
 *
 * <p>Deleting an item deletes its sub-items, all the way down. Deleting a catalog view deletes the
 * items that open it, and so their sub-items too.
 */
public interface NavigationStore {

    /**
     * Creates an item at version 0.
     *
     * @throws dev.iamkit.error.NotFoundException ({@code menu_item}) when the parent does not exist,
     *         ({@code view}) when the view does not exist
     */
    MenuItem create(NewMenuItem item);

    Optional<MenuItem> find(MenuItemId id);

    /** Every item, parents before their children: depth first, siblings by position then id; never null. */
    List<MenuItem> list();

    /** The direct children of {@code parent} (empty: the top level) by position then id; never null, empty for an unknown id. */
    List<MenuItem> children(Optional<MenuItemId> parent);

    /**
     * Stores the label, view and position of {@code changed}, if its {@code version} is the stored
     * one, and returns the stored result with the version increased by one. The parent changes only
     * through {@link #move}.
     *
     * @throws dev.iamkit.error.NotFoundException ({@code menu_item}) when the item does not exist,
     *         ({@code view}) when the new view does not exist
     * @throws dev.iamkit.error.StaleVersionException when the version is not the stored one
     * @throws dev.iamkit.error.ValidationException on {@code parentId} when it differs from the stored one
     */
    MenuItem update(MenuItem changed);

    /**
     * Moves {@code item} below {@code parent} (empty: to the top level) at {@code position}, if its
     * {@code version} is the stored one; returns the stored result with the version increased by one.
     * Its sub-items move with it.
     *
     * @throws dev.iamkit.error.NotFoundException ({@code menu_item}) when the item or the new parent does not exist
     * @throws dev.iamkit.error.StaleVersionException when the version is not the stored one
     * @throws dev.iamkit.error.ValidationException on {@code parentId} when the new parent is the item itself or
     *         one of its sub-items; on {@code position} when it is out of range
     */
    MenuItem move(MenuItem item, Optional<MenuItemId> parent, int position);

    /**
     * Deletes the item and its sub-items, all the way down.
     *
     * @throws dev.iamkit.error.NotFoundException when the item does not exist
     */
    void delete(MenuItemId id);
}
