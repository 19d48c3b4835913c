package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.MENU_ITEM;

import dev.iamkit.jooq.generated.tables.records.MenuItemRecord;
import dev.iamkit.model.MenuItem;
import dev.iamkit.model.MenuNode;
import dev.iamkit.model.UserId;
import dev.iamkit.model.Validate;
import dev.iamkit.store.Menu;
import dev.iamkit.support.MenuTrees;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The menu a user sees, in ONE statement through the tenant read path (row level security in
 * force): the compiler's CTEs for rules 1 to 4 ({@link AccessSql}), the views they open, then a
 * recursive walk down the menu definition that goes only through items that are groups or open
 * an accessible view, carrying each item's path from the top. An item is kept when it opens a
 * view or lies on the path to one; so groups with nothing visible below them are pruned in SQL,
 * and only the visible items travel. The nesting is done here, as the in-memory store does it.
 */
final class JooqMenu implements Menu {
    private final TenantContext ctx;

    JooqMenu(TenantContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<MenuNode> forUser(UserId user) {
        Validate.notNull("userId", user);
        List<MenuItem> visible = ctx.read(sql -> query(sql, user).fetch(r -> JooqNavigationStore.item(r.into(MENU_ITEM))));
        return MenuTrees.assemble(visible);
    }

    private Select<MenuItemRecord> query(DSLContext sql, UserId user) {
        UUID org = ctx.org.value();
        UUID u = user.value();
        OffsetDateTime now = Times.db(ctx.now());

        AccessSql.Rules rules = AccessSql.Rules.of(org, u, now, AccessSql.userActive(sql, u, ctx.onCitus()));
        CommonTableExpression<Record1<UUID>> views = DSL.name("views").fields("view_id")
                .as(AccessSql.permittedViews(org, rules));
        Field<UUID> openView = views.field("view_id", UUID.class);

        // Down from the top level through items that may be shown: groups, and items of an accessible view.
        Name treeName = DSL.name("tree");
        Field<UUID> treeId = DSL.field(DSL.name("tree", "id"), SQLDataType.UUID);
        Field<UUID> treeView = DSL.field(DSL.name("tree", "view_id"), SQLDataType.UUID);
        Field<UUID[]> treePath = DSL.field(DSL.name("tree", "path"), SQLDataType.UUID.array());
        Condition showable = MENU_ITEM.VIEW_ID.isNull().or(MENU_ITEM.VIEW_ID.in(DSL.select(openView).from(views)));
        CommonTableExpression<?> tree = treeName.fields("id", "view_id", "path")
                .as(DSL.select(MENU_ITEM.ID, MENU_ITEM.VIEW_ID, DSL.array(MENU_ITEM.ID))
                        .from(MENU_ITEM)
                        .where(MENU_ITEM.PARENT_ID.isNull(), showable)
                        .unionAll(DSL.select(MENU_ITEM.ID, MENU_ITEM.VIEW_ID, DSL.arrayAppend(treePath, MENU_ITEM.ID))
                                .from(MENU_ITEM)
                                .join(DSL.table(treeName)).on(MENU_ITEM.PARENT_ID.eq(treeId))
                                .where(showable)));

        // Kept: the items on the path to an item that opens a view (itself included).
        Table<?> kept = DSL.table(DSL.name("tree")).crossJoin(DSL.unnest(treePath).as("k", "id"));
        return rules.with(sql).with(views).with(tree)
                .selectFrom(MENU_ITEM)
                .where(MENU_ITEM.ID.in(DSL.select(DSL.field(DSL.name("k", "id"), UUID.class)).from(kept).where(treeView.isNotNull())));
    }
}
