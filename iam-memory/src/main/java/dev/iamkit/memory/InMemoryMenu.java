package dev.iamkit.memory;

import dev.iamkit.authz.AccessEvaluator;
import dev.iamkit.model.MenuNode;
import dev.iamkit.model.UserId;
import dev.iamkit.model.Validate;
import dev.iamkit.model.ViewId;
import dev.iamkit.store.Menu;
import dev.iamkit.support.MenuTrees;
import java.util.List;
import java.util.SortedSet;

/** The menu a user sees: the views the access rules open, and the menu definition, read under one lock. */
final class InMemoryMenu implements Menu {
    private final TenantContext ctx;
    private final InMemoryAccessSource access;

    InMemoryMenu(TenantContext ctx, InMemoryAccessSource access) {
        this.ctx = ctx;
        this.access = access;
    }

    @Override
    public List<MenuNode> forUser(UserId user) {
        Validate.notNull("userId", user);
        return ctx.read(d -> {
            SortedSet<ViewId> open = AccessEvaluator.accessibleViews(access.read(d, user));
            return MenuTrees.assemble(MenuTrees.visible(ctx.state.menuItems.values(), open::contains));
        });
    }
}
