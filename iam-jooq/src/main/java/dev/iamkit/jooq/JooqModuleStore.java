package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.MODULE;

import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.jooq.generated.tables.records.ModuleRecord;
import dev.iamkit.model.Module;
import dev.iamkit.model.ModuleId;
import dev.iamkit.model.NewModule;
import dev.iamkit.model.Uuid7;
import dev.iamkit.model.Validate;
import dev.iamkit.store.ModuleStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jooq.OrderField;

/**
 * Modules of the catalog. Deleting one reaches into every organization's entitlements and the
 * catalog links through the foreign keys' cascades, which row level security does not hold back.
 */
final class JooqModuleStore implements ModuleStore {
    /** Priority, then code by code point. */
    static final List<OrderField<?>> ORDER = List.of(MODULE.PRIORITY, MODULE.CODE.collate("C"));

    private final Sql sql;
    private final Clock clock;

    JooqModuleStore(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    @Override
    public Module create(NewModule module) {
        Validate.notNull("module", module);
        return sql.globalWrite(Scope.PLATFORM, ctx -> {
            // The unique key is the real guard; this check names the code before the insert fails on it.
            if (ctx.fetchExists(MODULE, MODULE.CODE.eq(module.code()))) {
                throw new AlreadyExistsException("module", "code", module.code());
            }
            Module created = new Module(new ModuleId(Uuid7.next(clock)), module.code(), module.name(), module.description(),
                    module.enabled(), module.priority());
            GlobalChanges.changed(ctx, ctx.insertInto(MODULE).set(record(created)).execute());
            return created;
        });
    }

    @Override
    public Optional<Module> find(ModuleId id) {
        Validate.notNull("id", id);
        return sql.find(Scope.PLATFORM, MODULE, MODULE.ID, id.value(), false).map(JooqModuleStore::module);
    }

    @Override
    public Optional<Module> findByCode(String code) {
        String c = Validate.lookup("code", code);
        return sql.find(Scope.PLATFORM, MODULE, MODULE.CODE, c, false).map(JooqModuleStore::module);
    }

    @Override
    public List<Module> list() {
        return sql.read(Scope.PLATFORM, ctx -> ctx.selectFrom(MODULE).orderBy(ORDER).fetch(JooqModuleStore::module));
    }

    @Override
    public Module update(Module changed) {
        Validate.notNull("changed", changed);
        return sql.globalChange(Scope.PLATFORM, ctx -> {
            Module stored = ctx.selectFrom(MODULE).where(MODULE.ID.eq(changed.id().value())).forUpdate()
                    .fetchOptional().map(JooqModuleStore::module)
                    .orElseThrow(() -> new NotFoundException("module", changed.id()));
            if (!stored.code().equals(changed.code())) {
                throw new ValidationException("code", "cannot be changed: it is the entry's stable key");
            }
            Module updated = new Module(stored.id(), stored.code(), changed.name(), changed.description(), changed.enabled(),
                    changed.priority());
            ctx.update(MODULE).set(record(updated)).where(MODULE.ID.eq(updated.id().value())).execute();
            return updated;
        });
    }

    @Override
    public void delete(ModuleId id) {
        Validate.notNull("id", id);
        sql.globalChange(Scope.PLATFORM, ctx -> {
            // One statement: links and entitlements go with it by cascade.
            if (ctx.deleteFrom(MODULE).where(MODULE.ID.eq(id.value())).execute() == 0) {
                throw new NotFoundException("module", id);
            }
            return null;
        });
    }

    private static ModuleRecord record(Module m) {
        return new ModuleRecord(m.id().value(), m.code(), m.name(), m.description(), m.enabled(), m.priority());
    }

    static Module module(ModuleRecord r) {
        return new Module(new ModuleId(r.getId()), r.getCode(), r.getName(), r.getDescription(), r.getEnabled(), r.getPriority());
    }
}
