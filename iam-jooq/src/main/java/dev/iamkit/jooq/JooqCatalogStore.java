package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.CATALOG_VIEW;
import static dev.iamkit.jooq.generated.Tables.FEATURE;
import static dev.iamkit.jooq.generated.Tables.FEATURE_VIEW;
import static dev.iamkit.jooq.generated.Tables.MODULE;
import static dev.iamkit.jooq.generated.Tables.MODULE_FEATURE;
import static dev.iamkit.jooq.generated.Tables.MODULE_VIEW;

import dev.iamkit.IamDatabase;
import dev.iamkit.catalog.ApplyOptions;
import dev.iamkit.catalog.CatalogPlan;
import dev.iamkit.catalog.CatalogSpec;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.support.CatalogApplier;
import dev.iamkit.model.Feature;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.Id;
import dev.iamkit.model.Module;
import dev.iamkit.model.ModuleId;
import dev.iamkit.model.Validate;
import dev.iamkit.model.View;
import dev.iamkit.model.ViewId;
import dev.iamkit.store.CatalogStore;
import dev.iamkit.store.FeatureStore;
import dev.iamkit.store.ModuleStore;
import dev.iamkit.store.ViewStore;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;

/**
 * The catalog and the links between its entries. A link call is one statement when it changes
 * something; only when it changes nothing does a second query tell a missing side (an error)
 * from a link that was already there (or absent).
 */
final class JooqCatalogStore implements CatalogStore {
    private final Sql sql;
    private final JooqModuleStore modules;
    private final JooqFeatureStore features;
    private final JooqViewStore views;

    private final CatalogApplier applier;

    /** {@code owner}: the store this catalog belongs to, whose tenants receive role templates. */
    JooqCatalogStore(Sql sql, Clock clock, IamDatabase owner) {
        this.applier = new CatalogApplier(owner, new CatalogApplier.GlobalTransaction() {
            @Override
            public <R> R run(java.util.function.Supplier<R> work) {
                return sql.joiningGlobal(Scope.PLATFORM, ctx -> {
                    // applies one at a time: each compares under this lock, then writes (the lock conflicts with
                    // itself and with catalog writes, not with reads)
                    ctx.execute("lock table {0} in share row exclusive mode", MODULE);
                    return work.get();
                });
            }
        });
        this.sql = sql;
        this.modules = new JooqModuleStore(sql, clock);
        this.features = new JooqFeatureStore(sql, clock);
        this.views = new JooqViewStore(sql, clock);
    }

    /** One side of a link: the entity's name for errors, its table's id column and the id. */
    private record Side(String entity, TableField<?, UUID> idColumn, Id<?> id) {
        Side {
            Validate.notNull(entity, id);
        }
    }

    private static Side module(ModuleId id) {
        return new Side("module", MODULE.ID, id);
    }

    private static Side feature(FeatureId id) {
        return new Side("feature", FEATURE.ID, id);
    }

    private static Side view(ViewId id) {
        return new Side("view", CATALOG_VIEW.ID, id);
    }

    @Override
    public CatalogPlan plan(CatalogSpec spec, ApplyOptions options) {
        return applier.plan(spec, options);
    }

    @Override
    public CatalogPlan apply(CatalogSpec spec, ApplyOptions options) {
        return applier.apply(spec, options);
    }

    @Override
    public ModuleStore modules() {
        return modules;
    }

    @Override
    public FeatureStore features() {
        return features;
    }

    @Override
    public ViewStore views() {
        return views;
    }

    @Override
    public boolean linkFeature(ModuleId module, FeatureId feature) {
        return link(MODULE_FEATURE, MODULE_FEATURE.MODULE_ID, MODULE_FEATURE.FEATURE_ID, module(module), feature(feature));
    }

    @Override
    public boolean unlinkFeature(ModuleId module, FeatureId feature) {
        return unlink(MODULE_FEATURE, MODULE_FEATURE.MODULE_ID, MODULE_FEATURE.FEATURE_ID, module(module), feature(feature));
    }

    @Override
    public boolean linkView(ModuleId module, ViewId view) {
        return link(MODULE_VIEW, MODULE_VIEW.MODULE_ID, MODULE_VIEW.VIEW_ID, module(module), view(view));
    }

    @Override
    public boolean unlinkView(ModuleId module, ViewId view) {
        return unlink(MODULE_VIEW, MODULE_VIEW.MODULE_ID, MODULE_VIEW.VIEW_ID, module(module), view(view));
    }

    @Override
    public boolean linkFeatureView(FeatureId feature, ViewId view) {
        return link(FEATURE_VIEW, FEATURE_VIEW.FEATURE_ID, FEATURE_VIEW.VIEW_ID, feature(feature), view(view));
    }

    @Override
    public boolean unlinkFeatureView(FeatureId feature, ViewId view) {
        return unlink(FEATURE_VIEW, FEATURE_VIEW.FEATURE_ID, FEATURE_VIEW.VIEW_ID, feature(feature), view(view));
    }

    @Override
    public List<Feature> featuresOf(ModuleId module) {
        Validate.notNull("module", module);
        return featuresLinked(MODULE_FEATURE, MODULE_FEATURE.FEATURE_ID, MODULE_FEATURE.MODULE_ID, module.value());
    }

    @Override
    public List<View> viewsOf(ModuleId module) {
        Validate.notNull("module", module);
        return viewsLinked(MODULE_VIEW, MODULE_VIEW.VIEW_ID, MODULE_VIEW.MODULE_ID, module.value());
    }

    @Override
    public List<Module> modulesOfFeature(FeatureId feature) {
        Validate.notNull("feature", feature);
        return modulesLinked(MODULE_FEATURE, MODULE_FEATURE.MODULE_ID, MODULE_FEATURE.FEATURE_ID, feature.value());
    }

    @Override
    public List<Module> modulesOfView(ViewId view) {
        Validate.notNull("view", view);
        return modulesLinked(MODULE_VIEW, MODULE_VIEW.MODULE_ID, MODULE_VIEW.VIEW_ID, view.value());
    }

    @Override
    public List<View> viewsOfFeature(FeatureId feature) {
        Validate.notNull("feature", feature);
        return viewsLinked(FEATURE_VIEW, FEATURE_VIEW.VIEW_ID, FEATURE_VIEW.FEATURE_ID, feature.value());
    }

    @Override
    public List<Feature> featuresOfView(ViewId view) {
        Validate.notNull("view", view);
        return featuresLinked(FEATURE_VIEW, FEATURE_VIEW.FEATURE_ID, FEATURE_VIEW.VIEW_ID, view.value());
    }

    /** The features linked through {@code link} to the entry {@code other} names, by code; one query. */
    private List<Feature> featuresLinked(Table<?> link, Field<UUID> featureId, Field<UUID> otherId, UUID other) {
        return sql.read(Scope.PLATFORM, ctx -> JooqFeatureStore.select(ctx)
                .join(link).on(featureId.eq(FEATURE.ID))
                .where(otherId.eq(other))
                .orderBy(FEATURE.CODE.collate("C"))
                .fetch(JooqFeatureStore::feature));
    }

    /** The views linked through {@code link}, by ordering then code; one query. */
    private List<View> viewsLinked(Table<?> link, Field<UUID> viewId, Field<UUID> otherId, UUID other) {
        return sql.read(Scope.PLATFORM, ctx -> ctx.select(CATALOG_VIEW.fields()).from(CATALOG_VIEW)
                .join(link).on(viewId.eq(CATALOG_VIEW.ID))
                .where(otherId.eq(other))
                .orderBy(JooqViewStore.ORDER)
                .fetch(r -> JooqViewStore.view(r.into(CATALOG_VIEW))));
    }

    /** The modules linked through {@code link}, by priority then code; one query. */
    private List<Module> modulesLinked(Table<?> link, Field<UUID> moduleId, Field<UUID> otherId, UUID other) {
        return sql.read(Scope.PLATFORM, ctx -> ctx.select(MODULE.fields()).from(MODULE)
                .join(link).on(moduleId.eq(MODULE.ID))
                .where(otherId.eq(other))
                .orderBy(JooqModuleStore.ORDER)
                .fetch(r -> JooqModuleStore.module(r.into(MODULE))));
    }

    /**
     * Inserts the pair only where both sides exist, skipping a pair already there: a new link is
     * one statement. A foreign key violation (a side deleted concurrently) maps to not found.
     */
    private <R extends org.jooq.Record> boolean link(Table<R> links, TableField<R, UUID> leftColumn, TableField<R, UUID> rightColumn,
                                                     Side left, Side right) {
        return sql.globalWrite(Scope.PLATFORM, ctx -> {
            Table<?> l = left.idColumn().getTable();
            Table<?> r = right.idColumn().getTable();
            int inserted = ctx.insertInto(links, leftColumn, rightColumn)
                    .select(DSL.select(left.idColumn(), right.idColumn()).from(l, r)
                            .where(left.idColumn().eq(left.id().value()), right.idColumn().eq(right.id().value())))
                    .onConflictDoNothing()
                    .execute();
            if (inserted > 0) {
                GlobalChanges.accessChanged(ctx);
                return true;
            }
            requireBoth(ctx, left, right);
            return false;
        });
    }

    /** Deletes the pair; a link that existed proves both sides do, so only a miss needs the existence check. */
    private <R extends org.jooq.Record> boolean unlink(Table<R> links, TableField<R, UUID> leftColumn, TableField<R, UUID> rightColumn,
                                                       Side left, Side right) {
        return sql.globalWrite(Scope.PLATFORM, ctx -> {
            int deleted = ctx.deleteFrom(links)
                    .where(leftColumn.eq(left.id().value()), rightColumn.eq(right.id().value()))
                    .execute();
            if (deleted > 0) {
                GlobalChanges.accessChanged(ctx);
                return true;
            }
            requireBoth(ctx, left, right);
            return false;
        });
    }

    /** One query for both sides; the left one is reported first, as the in-memory store does. */
    private static void requireBoth(DSLContext ctx, Side left, Side right) {
        Record2<Boolean, Boolean> found = ctx.select(exists(left), exists(right)).fetchSingle();
        if (!found.value1()) {
            throw new NotFoundException(left.entity(), left.id());
        }
        if (!found.value2()) {
            throw new NotFoundException(right.entity(), right.id());
        }
    }

    private static org.jooq.Field<Boolean> exists(Side side) {
        return DSL.field(DSL.exists(DSL.selectOne().from(side.idColumn().getTable()).where(side.idColumn().eq(side.id().value()))));
    }
}
