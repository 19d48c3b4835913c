package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.ENTITLEMENT;
import static dev.iamkit.jooq.generated.Tables.MODULE;

import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.StorageException;
import dev.iamkit.jooq.generated.tables.records.EntitlementRecord;
import dev.iamkit.model.Entitlement;
import dev.iamkit.model.ModuleId;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Validate;
import dev.iamkit.store.EntitlementStore;
import dev.iamkit.support.AuditRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;

/** Which modules one organization may use. Deleting a module from the catalog removes them through the cascade. */
final class JooqEntitlementStore implements EntitlementStore {
    private final TenantContext ctx;

    JooqEntitlementStore(TenantContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Entitlement entitle(ModuleId module, Optional<Instant> expiresAt) {
        Validate.notNull("module", module);
        Optional<Instant> expiry = Validate.instant("expiresAt", expiresAt);
        return ctx.write(sql -> {
            Instant now = ctx.now();
            for (int attempt = 0; attempt < 3; attempt++) {
                Optional<Entitlement> previous = lock(sql, module);
                if (previous.isEmpty()) {
                    // An existing entitlement vouches for its module (the foreign key cascades); only a first one needs the check.
                    if (!sql.fetchExists(MODULE, MODULE.ID.eq(module.value()))) {
                        throw new NotFoundException("module", module);
                    }
                    // Inserted only if there is none: a concurrent first entitlement, which this insert
                    // waits for, is then locked and read by the next round and replaced as any other,
                    // so the event records what it replaced (an upsert here recorded nothing before it).
                    Optional<Entitlement> first = sql.insertInto(ENTITLEMENT).set(record(new Entitlement(ctx.org, module, true, expiry, now, now)))
                            .onConflictDoNothing()
                            .returning()
                            .fetchOptional()
                            .map(JooqEntitlementStore::entitlement);
                    if (first.isPresent()) {
                        ctx.audit(sql, AuditRecord.of("entitlement.set", "module", module, null, first.get()));
                        return first.get();
                    }
                    continue;
                }
                Entitlement stored = entitlement(sql.update(ENTITLEMENT)
                        .set(ENTITLEMENT.ENABLED, true)
                        .set(ENTITLEMENT.EXPIRES_AT, Times.db(expiry))
                        .set(ENTITLEMENT.UPDATED_AT, Times.db(now))
                        .where(own(), ENTITLEMENT.MODULE_ID.eq(module.value()))
                        .returning()
                        .fetchSingle());
                ctx.audit(sql, AuditRecord.of("entitlement.set", "module", module, previous.get(), stored));
                return stored;
            }
            // inserted and removed by others three times while this call ran
            throw new StorageException(StorageException.Kind.NOT_APPLIED, "40001",
                    "the entitlement of module " + module + " kept changing while it was being set: nothing was stored", null);
        });
    }

    @Override
    public Entitlement setEnabled(ModuleId module, boolean enabled) {
        Validate.notNull("module", module);
        return ctx.write(sql -> {
            Entitlement previous = lock(sql, module).orElseThrow(() -> new NotFoundException("entitlement", module));
            Entitlement stored = new Entitlement(ctx.org, module, enabled, previous.expiresAt(), previous.createdAt(), ctx.now());
            sql.update(ENTITLEMENT)
                    .set(ENTITLEMENT.ENABLED, stored.enabled())
                    .set(ENTITLEMENT.UPDATED_AT, Times.db(stored.updatedAt()))
                    .where(own(), ENTITLEMENT.MODULE_ID.eq(module.value()))
                    .execute();
            ctx.audit(sql, AuditRecord.of("entitlement.update", "module", module, previous, stored));
            return stored;
        });
    }

    @Override
    public boolean revoke(ModuleId module) {
        Validate.notNull("module", module);
        return ctx.write(sql -> {
            Optional<Entitlement> removed = sql.deleteFrom(ENTITLEMENT)
                    .where(own(), ENTITLEMENT.MODULE_ID.eq(module.value()))
                    .returning()
                    .fetchOptional().map(JooqEntitlementStore::entitlement);
            if (removed.isEmpty()) {
                TenantChecks.requireOrg(ctx, sql);
                return ctx.unchanged(sql, false);
            }
            ctx.audit(sql, AuditRecord.of("entitlement.remove", "module", module, removed.get(), null));
            return true;
        });
    }

    @Override
    public Optional<Entitlement> find(ModuleId module) {
        Validate.notNull("module", module);
        return ctx.read(sql -> sql.selectFrom(ENTITLEMENT).where(own(), ENTITLEMENT.MODULE_ID.eq(module.value()))
                .fetchOptional().map(JooqEntitlementStore::entitlement));
    }

    @Override
    public List<Entitlement> list() {
        return ctx.read(sql -> sql.selectFrom(ENTITLEMENT).where(own())
                .orderBy(ENTITLEMENT.MODULE_ID)
                .fetch(JooqEntitlementStore::entitlement));
    }

    private Optional<Entitlement> lock(DSLContext sql, ModuleId module) {
        return sql.selectFrom(ENTITLEMENT).where(own(), ENTITLEMENT.MODULE_ID.eq(module.value()))
                .forUpdate()
                .fetchOptional().map(JooqEntitlementStore::entitlement);
    }

    private Condition own() {
        return ENTITLEMENT.ORG_ID.eq(ctx.org.value());
    }

    private static EntitlementRecord record(Entitlement e) {
        EntitlementRecord r = new EntitlementRecord();
        r.setOrgId(e.orgId().value());
        r.setModuleId(e.moduleId().value());
        r.setEnabled(e.enabled());
        r.setExpiresAt(Times.db(e.expiresAt()));
        r.setCreatedAt(Times.db(e.createdAt()));
        r.setUpdatedAt(Times.db(e.updatedAt()));
        return r;
    }

    static Entitlement entitlement(EntitlementRecord r) {
        return new Entitlement(new OrgId(r.getOrgId()), new ModuleId(r.getModuleId()), r.getEnabled(), Times.opt(r.getExpiresAt()),
                Times.api(r.getCreatedAt()), Times.api(r.getUpdatedAt()));
    }
}
