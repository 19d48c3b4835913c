package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.CATALOG_VIEW;

import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.jooq.generated.tables.records.CatalogViewRecord;
import dev.iamkit.model.NewView;
import dev.iamkit.model.Uuid7;
import dev.iamkit.model.Validate;
import dev.iamkit.model.View;
import dev.iamkit.model.ViewId;
import dev.iamkit.store.ViewStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.OrderField;

/**
 * Views of the catalog. Deleting one reaches into every organization's view grants and the
 * catalog links through the foreign keys' cascades.
 */
final class JooqViewStore implements ViewStore {
    /** Ordering, then code by code point. */
    static final List<OrderField<?>> ORDER = List.of(CATALOG_VIEW.ORDERING, CATALOG_VIEW.CODE.collate("C"));

    private final Sql sql;
    private final Clock clock;

    JooqViewStore(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    @Override
    public View create(NewView view) {
        Validate.notNull("view", view);
        return sql.globalWrite(Scope.PLATFORM, ctx -> {
            // The unique keys are the real guard; one query finds which of them the new view would break, code first.
            List<CatalogViewRecord> holders = ctx.selectFrom(CATALOG_VIEW)
                    .where(CATALOG_VIEW.CODE.eq(view.code()).or(CATALOG_VIEW.PATH.eq(view.path()))).fetch();
            if (holders.stream().anyMatch(h -> h.getCode().equals(view.code()))) {
                throw new AlreadyExistsException("view", "code", view.code());
            }
            if (!holders.isEmpty()) {
                throw new AlreadyExistsException("view", "path", view.path());
            }
            View created = new View(new ViewId(Uuid7.next(clock)), view.code(), view.name(), view.path(), view.requiresAuth(),
                    view.icon(), view.ordering());
            GlobalChanges.changed(ctx, ctx.insertInto(CATALOG_VIEW).set(record(created)).execute());
            return created;
        });
    }

    @Override
    public Optional<View> find(ViewId id) {
        Validate.notNull("id", id);
        return sql.find(Scope.PLATFORM, CATALOG_VIEW, CATALOG_VIEW.ID, id.value(), false).map(JooqViewStore::view);
    }

    @Override
    public Optional<View> findByCode(String code) {
        String c = Validate.lookup("code", code);
        return sql.find(Scope.PLATFORM, CATALOG_VIEW, CATALOG_VIEW.CODE, c, false).map(JooqViewStore::view);
    }

    @Override
    public Optional<View> findByPath(String path) {
        String p = Validate.lookup("path", path);
        return sql.find(Scope.PLATFORM, CATALOG_VIEW, CATALOG_VIEW.PATH, p, false).map(JooqViewStore::view);
    }

    @Override
    public List<View> list() {
        return sql.read(Scope.PLATFORM, ctx -> ctx.selectFrom(CATALOG_VIEW).orderBy(ORDER).fetch(JooqViewStore::view));
    }

    @Override
    public View update(View changed) {
        Validate.notNull("changed", changed);
        return sql.globalChange(Scope.PLATFORM, ctx -> {
            View stored = ctx.selectFrom(CATALOG_VIEW).where(CATALOG_VIEW.ID.eq(changed.id().value())).forUpdate()
                    .fetchOptional().map(JooqViewStore::view)
                    .orElseThrow(() -> new NotFoundException("view", changed.id()));
            if (!stored.code().equals(changed.code())) {
                throw new ValidationException("code", "cannot be changed: it is the entry's stable key");
            }
            requireFreePath(ctx, changed.path(), stored.id());
            View updated = new View(stored.id(), stored.code(), changed.name(), changed.path(), changed.requiresAuth(), changed.icon(),
                    changed.ordering());
            ctx.update(CATALOG_VIEW).set(record(updated)).where(CATALOG_VIEW.ID.eq(updated.id().value())).execute();
            return updated;
        });
    }

    @Override
    public void delete(ViewId id) {
        Validate.notNull("id", id);
        sql.globalChange(Scope.PLATFORM, ctx -> {
            // One statement: links and every organization's view grants go with it by cascade.
            if (ctx.deleteFrom(CATALOG_VIEW).where(CATALOG_VIEW.ID.eq(id.value())).execute() == 0) {
                throw new NotFoundException("view", id);
            }
            GlobalChanges.epochMoved(ctx);
            return null;
        });
    }

    private static void requireFreePath(DSLContext ctx, String path, ViewId self) {
        if (ctx.fetchExists(CATALOG_VIEW, CATALOG_VIEW.PATH.eq(path), CATALOG_VIEW.ID.ne(self.value()))) {
            throw new AlreadyExistsException("view", "path", path);
        }
    }

    private static CatalogViewRecord record(View v) {
        return new CatalogViewRecord(v.id().value(), v.code(), v.name(), v.path(), v.requiresAuth(), v.icon().orElse(null), v.ordering());
    }

    static View view(CatalogViewRecord r) {
        return new View(new ViewId(r.getId()), r.getCode(), r.getName(), r.getPath(), r.getRequiresAuth(), Optional.ofNullable(r.getIcon()),
                r.getOrdering());
    }
}
