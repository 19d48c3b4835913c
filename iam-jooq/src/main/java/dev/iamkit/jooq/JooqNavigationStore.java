package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.CATALOG_VIEW;
import static dev.iamkit.jooq.generated.Tables.MENU_ITEM;

import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.StaleVersionException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.jooq.generated.tables.records.MenuItemRecord;
import dev.iamkit.model.MenuItem;
import dev.iamkit.model.MenuItemId;
import dev.iamkit.model.NewMenuItem;
import dev.iamkit.model.Uuid7;
import dev.iamkit.model.Validate;
import dev.iamkit.model.ViewId;
import dev.iamkit.store.NavigationStore;
import dev.iamkit.support.MenuTrees;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Name;
import org.jooq.Record2;
import org.jooq.impl.DSL;

/**
 * The global menu definition. The foreign keys' cascades delete sub-items and the items of a
 * deleted view. Menus are computed from view access at each read, so no cache hears of these
 * changes: they move the global revision ({@link Sql#globalWrite}), nothing checks depend on.
 */
final class JooqNavigationStore implements NavigationStore {
    private static final String ENTITY = "menu_item";

    private final Sql sql;
    private final Clock clock;

    JooqNavigationStore(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    @Override
    public MenuItem create(NewMenuItem item) {
        Validate.notNull("item", item);
        return sql.globalWrite(Scope.PLATFORM, ctx -> {
            // Both references in one query, the parent reported first as in memory; the foreign keys still decide a race.
            Record2<Boolean, Boolean> found = ctx.select(exists(item.parentId()), viewExists(item.viewId())).fetchSingle();
            if (!found.value1()) {
                throw new NotFoundException(ENTITY, item.parentId().orElseThrow());
            }
            if (!found.value2()) {
                throw new NotFoundException("view", item.viewId().orElseThrow());
            }
            MenuItem created = new MenuItem(new MenuItemId(Uuid7.next(clock)), item.parentId(), item.viewId(), item.label(),
                    item.position(), 0);
            GlobalChanges.changed(ctx, ctx.insertInto(MENU_ITEM).set(record(created)).execute());
            return created;
        });
    }

    @Override
    public Optional<MenuItem> find(MenuItemId id) {
        Validate.notNull("id", id);
        return sql.find(Scope.PLATFORM, MENU_ITEM, MENU_ITEM.ID, id.value(), false).map(JooqNavigationStore::item);
    }

    /** One query; the nesting is done here, as the in-memory store does it. */
    @Override
    public List<MenuItem> list() {
        return sql.read(Scope.PLATFORM, ctx -> MenuTrees.depthFirst(ctx.selectFrom(MENU_ITEM).fetch(JooqNavigationStore::item)));
    }

    @Override
    public List<MenuItem> children(Optional<MenuItemId> parent) {
        Validate.present("parent", parent);
        Condition under = parent.map(p -> MENU_ITEM.PARENT_ID.eq(p.value())).orElse(MENU_ITEM.PARENT_ID.isNull());
        return sql.read(Scope.PLATFORM, ctx -> ctx.selectFrom(MENU_ITEM).where(under).orderBy(MENU_ITEM.POSITION, MENU_ITEM.ID)
                .fetch(JooqNavigationStore::item));
    }

    @Override
    public MenuItem update(MenuItem changed) {
        Validate.notNull("changed", changed);
        return sql.globalWrite(Scope.PLATFORM, ctx -> {
            // The table's lock for an update before the item's: a move takes the table (share row exclusive),
            // then the item; an update holding the item while it waited for the table would deadlock with it.
            ctx.execute("lock table {0} in row exclusive mode", MENU_ITEM);
            MenuItem stored = lockVersion(ctx, changed);
            if (!stored.parentId().equals(changed.parentId())) {
                throw new ValidationException("parentId", "changes only through move");
            }
            if (changed.viewId().isPresent() && !ctx.select(viewExists(changed.viewId())).fetchSingle().value1()) {
                throw new NotFoundException("view", changed.viewId().orElseThrow());
            }
            MenuItem updated = new MenuItem(stored.id(), stored.parentId(), changed.viewId(), changed.label(), changed.position(),
                    stored.version() + 1);
            GlobalChanges.changed(ctx, ctx.update(MENU_ITEM).set(record(updated)).where(MENU_ITEM.ID.eq(updated.id().value())).execute());
            return updated;
        });
    }

    @Override
    public MenuItem move(MenuItem item, Optional<MenuItemId> parent, int position) {
        Validate.notNull("item", item);
        Validate.present("parentId", parent);
        Validate.range("position", position, MenuItem.POSITION_MIN, MenuItem.POSITION_MAX);
        return sql.globalWrite(Scope.PLATFORM, ctx -> {
            // Moves are made one at a time (the lock conflicts with itself, not with reads): otherwise
            // two moves could each pass their cycle check and close a cycle together.
            ctx.execute("lock table {0} in share row exclusive mode", MENU_ITEM);
            MenuItem stored = lockVersion(ctx, item);
            if (parent.isPresent()) {
                checkParent(ctx, stored.id(), parent.get());
            }
            MenuItem moved = new MenuItem(stored.id(), parent, stored.viewId(), stored.label(), position, stored.version() + 1);
            GlobalChanges.changed(ctx, ctx.update(MENU_ITEM).set(record(moved)).where(MENU_ITEM.ID.eq(moved.id().value())).execute());
            return moved;
        });
    }

    @Override
    public void delete(MenuItemId id) {
        Validate.notNull("id", id);
        sql.globalWrite(Scope.PLATFORM, ctx -> {
            // One statement: the sub-items go with it by cascade.
            if (GlobalChanges.changed(ctx, ctx.deleteFrom(MENU_ITEM).where(MENU_ITEM.ID.eq(id.value())).execute()) == 0) {
                throw new NotFoundException(ENTITY, id);
            }
            return null;
        });
    }

    private static MenuItem lockVersion(DSLContext ctx, MenuItem changed) {
        MenuItem stored = ctx.selectFrom(MENU_ITEM).where(MENU_ITEM.ID.eq(changed.id().value())).forUpdate()
                .fetchOptional().map(JooqNavigationStore::item)
                .orElseThrow(() -> new NotFoundException(ENTITY, changed.id()));
        if (stored.version() != changed.version()) {
            throw new StaleVersionException(ENTITY, changed.id(), changed.version());
        }
        return stored;
    }

    /** The new parent must exist and must not be the item or one of its sub-items: one recursive query walks up from it. */
    private static void checkParent(DSLContext ctx, MenuItemId self, MenuItemId parent) {
        if (parent.equals(self)) {
            throw new ValidationException("parentId", "a menu item cannot be its own parent");
        }
        Name up = DSL.name("up");
        var upId = DSL.field(DSL.name("up", "id"), UUID.class);
        Record2<Boolean, Boolean> found = ctx.withRecursive(up, DSL.name("id"), DSL.name("parent_id"))
                .as(DSL.select(MENU_ITEM.ID, MENU_ITEM.PARENT_ID).from(MENU_ITEM).where(MENU_ITEM.ID.eq(parent.value()))
                        .union(DSL.select(MENU_ITEM.ID, MENU_ITEM.PARENT_ID).from(MENU_ITEM)
                                .join(DSL.table(up)).on(MENU_ITEM.ID.eq(DSL.field(DSL.name("up", "parent_id"), UUID.class)))))
                .select(DSL.field(DSL.exists(DSL.selectOne().from(DSL.table(up)).where(upId.eq(parent.value())))),
                        DSL.field(DSL.exists(DSL.selectOne().from(DSL.table(up)).where(upId.eq(self.value())))))
                .fetchSingle();
        if (!found.value1()) {
            throw new NotFoundException(ENTITY, parent);
        }
        if (found.value2()) {
            throw new ValidationException("parentId", "a menu item cannot be moved below one of its own sub-items");
        }
    }

    /** True when there is no parent or it exists. */
    private static org.jooq.Field<Boolean> exists(Optional<MenuItemId> id) {
        return id.map(i -> DSL.field(DSL.exists(DSL.selectOne().from(MENU_ITEM).where(MENU_ITEM.ID.eq(i.value())))))
                .orElse(DSL.inline(true));
    }

    /** True when there is no view or it exists. */
    private static org.jooq.Field<Boolean> viewExists(Optional<ViewId> id) {
        return id.map(i -> DSL.field(DSL.exists(DSL.selectOne().from(CATALOG_VIEW).where(CATALOG_VIEW.ID.eq(i.value())))))
                .orElse(DSL.inline(true));
    }

    private static MenuItemRecord record(MenuItem i) {
        return new MenuItemRecord(i.id().value(), i.parentId().map(MenuItemId::value).orElse(null), i.viewId().map(ViewId::value).orElse(null),
                i.label(), i.position(), i.version());
    }

    static MenuItem item(MenuItemRecord r) {
        return new MenuItem(new MenuItemId(r.getId()), Optional.ofNullable(r.getParentId()).map(MenuItemId::new),
                Optional.ofNullable(r.getViewId()).map(ViewId::new), r.getLabel(), r.getPosition(), r.getVersion());
    }
}
