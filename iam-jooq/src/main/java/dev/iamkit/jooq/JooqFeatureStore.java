package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.FEATURE;
import static dev.iamkit.jooq.generated.Tables.FEATURE_ACTION;

import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.jooq.generated.tables.records.FeatureRecord;
import dev.iamkit.model.Feature;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.NewFeature;
import dev.iamkit.model.Uuid7;
import dev.iamkit.model.Validate;
import dev.iamkit.store.FeatureStore;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStep2;
import org.jooq.Record;
import org.jooq.SelectJoinStep;
import org.jooq.impl.DSL;

/**
 * Features of the catalog; their actions are rows of {@code feature_action}, which grants
 * reference. Removing an action row, or the feature, removes its grants in every organization
 * through the cascade (row level security does not hold back referential actions), so a catalog
 * change never needs to enter a tenant.
 */
final class JooqFeatureStore implements FeatureStore {
    /** The feature's actions, read with the feature in the same query so a find stays one round trip. */
    static final Field<String[]> ACTIONS = DSL.array(DSL.select(FEATURE_ACTION.ACTION).from(FEATURE_ACTION)
            .where(FEATURE_ACTION.FEATURE_ID.eq(FEATURE.ID))).as("actions");

    private final Sql sql;
    private final Clock clock;

    JooqFeatureStore(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    @Override
    public Feature create(NewFeature feature) {
        Validate.notNull("feature", feature);
        return sql.globalWrite(Scope.PLATFORM, ctx -> {
            // The unique key is the real guard; this check names the code before the insert fails on it.
            if (ctx.fetchExists(FEATURE, FEATURE.CODE.eq(feature.code()))) {
                throw new AlreadyExistsException("feature", "code", feature.code());
            }
            Feature created = new Feature(new FeatureId(Uuid7.next(clock)), feature.code(), feature.name(), feature.description(),
                    feature.actions());
            GlobalChanges.changed(ctx, ctx.insertInto(FEATURE).set(new FeatureRecord(created.id().value(), created.code(), created.name(),
                    created.description())).execute());
            insertActions(ctx, created.id().value(), created.actions(), false);
            return created;
        });
    }

    @Override
    public Optional<Feature> find(FeatureId id) {
        Validate.notNull("id", id);
        return sql.read(Scope.PLATFORM, ctx -> select(ctx).where(FEATURE.ID.eq(id.value())).fetchOptional().map(JooqFeatureStore::feature));
    }

    @Override
    public Optional<Feature> findByCode(String code) {
        String c = Validate.lookup("code", code);
        return sql.read(Scope.PLATFORM, ctx -> select(ctx).where(FEATURE.CODE.eq(c)).fetchOptional().map(JooqFeatureStore::feature));
    }

    @Override
    public List<Feature> list() {
        return sql.read(Scope.PLATFORM, ctx -> select(ctx).orderBy(FEATURE.CODE.collate("C")).fetch(JooqFeatureStore::feature));
    }

    @Override
    public Feature update(Feature changed) {
        Validate.notNull("changed", changed);
        return sql.globalChange(Scope.PLATFORM, ctx -> {
            UUID id = changed.id().value();
            // The row locked first, its actions read in the next statement: read in the statement
            // that waited for the lock, they were those of the snapshot taken before the wait, and
            // a concurrent update's new actions could be kept where they should have been replaced.
            if (ctx.select(FEATURE.ID).from(FEATURE).where(FEATURE.ID.eq(id)).forUpdate().fetchOptional().isEmpty()) {
                throw new NotFoundException("feature", changed.id());
            }
            Feature stored = select(ctx).where(FEATURE.ID.eq(id)).fetchOptional().map(JooqFeatureStore::feature)
                    .orElseThrow(() -> new NotFoundException("feature", changed.id()));
            if (!stored.code().equals(changed.code())) {
                throw new ValidationException("code", "cannot be changed: it is the entry's stable key");
            }
            Feature updated = new Feature(stored.id(), stored.code(), changed.name(), changed.description(), changed.actions());
            ctx.update(FEATURE).set(FEATURE.NAME, updated.name()).set(FEATURE.DESCRIPTION, updated.description())
                    .where(FEATURE.ID.eq(id)).execute();
            if (!stored.actions().equals(updated.actions())) {
                // Deleting an action row deletes its grants in every organization by cascade.
                if (ctx.deleteFrom(FEATURE_ACTION).where(FEATURE_ACTION.FEATURE_ID.eq(id), FEATURE_ACTION.ACTION.notIn(updated.actions()))
                        .execute() > 0) {
                    GlobalChanges.epochMoved(ctx);
                }
                insertActions(ctx, id, updated.actions().stream().filter(a -> !stored.supports(a)).toList(), true);
            }
            return updated;
        });
    }

    @Override
    public void delete(FeatureId id) {
        Validate.notNull("id", id);
        sql.globalChange(Scope.PLATFORM, ctx -> {
            // One statement: actions, links and every organization's grants go with it by cascade.
            if (ctx.deleteFrom(FEATURE).where(FEATURE.ID.eq(id.value())).execute() == 0) {
                throw new NotFoundException("feature", id);
            }
            GlobalChanges.epochMoved(ctx);   // its actions went with it
            return null;
        });
    }

    /** One multi-row insert for all the actions; {@code skipExisting} tolerates a concurrent writer of the same action. */
    private static void insertActions(DSLContext ctx, UUID feature, Collection<String> actions, boolean skipExisting) {
        if (actions.isEmpty()) {
            return;
        }
        InsertValuesStep2<?, UUID, String> insert = ctx.insertInto(FEATURE_ACTION, FEATURE_ACTION.FEATURE_ID, FEATURE_ACTION.ACTION);
        for (String action : actions) {
            insert = insert.values(feature, action);
        }
        if (skipExisting) {
            insert.onConflictDoNothing().execute();
        } else {
            insert.execute();
        }
    }

    /** The feature's columns and its actions. */
    static SelectJoinStep<Record> select(DSLContext ctx) {
        return ctx.select(FEATURE.fields()).select(ACTIONS).from(FEATURE);
    }

    static Feature feature(Record r) {
        return new Feature(new FeatureId(r.get(FEATURE.ID)), r.get(FEATURE.CODE), r.get(FEATURE.NAME), r.get(FEATURE.DESCRIPTION),
                Validate.actions("actions", Arrays.asList(r.get(ACTIONS))));
    }
}
