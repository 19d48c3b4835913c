package dev.iamkit.memory;

import dev.iamkit.error.NotFoundException;
import dev.iamkit.model.Entitlement;
import dev.iamkit.model.ModuleId;
import dev.iamkit.model.Validate;
import dev.iamkit.store.EntitlementStore;
import dev.iamkit.support.AuditRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Which modules one organization may use. */
final class InMemoryEntitlementStore implements EntitlementStore {
    private final TenantContext ctx;

    InMemoryEntitlementStore(TenantContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Entitlement entitle(ModuleId module, Optional<Instant> expiresAt) {
        Validate.notNull("module", module);
        Optional<Instant> expiry = Validate.instant("expiresAt", expiresAt);
        return ctx.write((d, tx) -> {
            if (!ctx.state.modules.containsKey(module)) {
                throw new NotFoundException("module", module);
            }
            Instant now = ctx.now();
            Entitlement previous = d.entitlements.get(module);
            Entitlement stored = new Entitlement(ctx.org, module, true, expiry, previous == null ? now : previous.createdAt(), now);
            tx.put(d.entitlements, module, stored);
            ctx.audit(d, tx, AuditRecord.of("entitlement.set", "module", module, previous, stored));
            return stored;
        });
    }

    @Override
    public Entitlement setEnabled(ModuleId module, boolean enabled) {
        Validate.notNull("module", module);
        return ctx.write((d, tx) -> {
            Entitlement previous = d.entitlements.get(module);
            if (previous == null) {
                throw new NotFoundException("entitlement", module);
            }
            Entitlement stored = new Entitlement(ctx.org, module, enabled, previous.expiresAt(), previous.createdAt(), ctx.now());
            tx.put(d.entitlements, module, stored);
            ctx.audit(d, tx, AuditRecord.of("entitlement.update", "module", module, previous, stored));
            return stored;
        });
    }

    @Override
    public boolean revoke(ModuleId module) {
        Validate.notNull("module", module);
        return ctx.write((d, tx) -> {
            Entitlement removed = tx.remove(d.entitlements, module);
            if (removed == null) {
                return false;
            }
            ctx.audit(d, tx, AuditRecord.of("entitlement.remove", "module", module, removed, null));
            return true;
        });
    }

    @Override
    public Optional<Entitlement> find(ModuleId module) {
        Validate.notNull("module", module);
        return ctx.read(d -> Optional.ofNullable(d.entitlements.get(module)));
    }

    @Override
    public List<Entitlement> list() {
        return ctx.read(d -> List.copyOf(d.entitlements.values()));
    }
}
