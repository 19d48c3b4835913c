package dev.iamkit.memory;

import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.StaleVersionException;
import dev.iamkit.model.NewRole;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Role;
import dev.iamkit.model.RoleId;
import dev.iamkit.model.Uuid7;
import dev.iamkit.model.Validate;
import dev.iamkit.store.RoleStore;
import dev.iamkit.support.AuditRecord;
import java.time.Instant;
import java.util.Optional;

/** Roles of one organization. Deleting one takes its grants and assignments with it. */
final class InMemoryRoleStore implements RoleStore {
    private final TenantContext ctx;

    InMemoryRoleStore(TenantContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Role create(NewRole role) {
        Validate.notNull("role", role);
        return ctx.write((d, tx) -> {
            requireFreeCode(d, role.code(), null);
            Instant now = ctx.now();
            Role created = new Role(ctx.org, new RoleId(Uuid7.next(ctx.clock)), role.code(), role.name(), role.description(), 0, now, now);
            tx.put(d.roles, created.id(), created);
            ctx.audit(d, tx, AuditRecord.created("role", created.id(), created));
            return created;
        });
    }

    @Override
    public Optional<Role> find(RoleId id) {
        Validate.notNull("id", id);
        return ctx.read(d -> Optional.ofNullable(d.roles.get(id)));
    }

    @Override
    public Optional<Role> findByCode(String code) {
        String c = Validate.notNull("code", code).strip();
        return ctx.read(d -> withCode(d, c));
    }

    @Override
    public Page<Role> list(PageRequest page) {
        Validate.notNull("page", page);
        return ctx.read(d -> Paging.byId(d.roles, page, RoleId::new, r -> true, Role::id));
    }

    @Override
    public Role update(Role changed) {
        Validate.notNull("changed", changed);
        ctx.requireOwn(changed.orgId());
        return ctx.write((d, tx) -> {
            Role stored = TenantContext.role(d, changed.id());
            if (stored.version() != changed.version()) {
                throw new StaleVersionException("role", changed.id(), changed.version());
            }
            requireFreeCode(d, changed.code(), stored.id());
            Role updated = new Role(ctx.org, stored.id(), changed.code(), changed.name(), changed.description(), stored.version() + 1,
                    stored.createdAt(), ctx.now());
            tx.put(d.roles, updated.id(), updated);
            ctx.audit(d, tx, AuditRecord.updated("role", updated.id(), stored, updated));
            return updated;
        });
    }

    @Override
    public void delete(RoleId id) {
        Validate.notNull("id", id);
        ctx.write((d, tx) -> {
            Role stored = TenantContext.role(d, id);
            tx.remove(d.roles, id);
            tx.remove(d.grants, id);
            tx.remove(d.viewGrants, id);
            tx.remove(d.assignments, id);
            ctx.audit(d, tx, AuditRecord.deleted("role", id, stored));
            return null;
        });
    }

    private static Optional<Role> withCode(TenantData d, String code) {
        return d.roles.values().stream().filter(r -> r.code().equals(code)).findFirst();
    }

    private static void requireFreeCode(TenantData d, String code, RoleId self) {
        Optional<Role> holder = withCode(d, code);
        if (holder.isPresent() && !holder.get().id().equals(self)) {
            throw new AlreadyExistsException("role", "code", code);
        }
    }
}
