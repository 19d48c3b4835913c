package dev.iamkit.memory;

import dev.iamkit.authz.Impact;
import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.StaleVersionException;
import dev.iamkit.error.ValidationException;
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
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Roles of one organization and their inclusions. Deleting one takes its grants, assignments and inclusions with it. */
final class InMemoryRoleStore implements RoleStore {
    private static final TreeSet<RoleId> NO_ROLES = new TreeSet<>();
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
            ctx.audit(d, tx, AuditRecord.created("role", created.id(), created).affecting(Impact.nothing()));
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
        String c = Validate.lookup("code", code);
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
            ctx.audit(d, tx, AuditRecord.updated("role", updated.id(), stored, updated).affecting(Impact.nothing()));
            return updated;
        });
    }

    @Override
    public boolean include(RoleId role, RoleId included) {
        Validate.notNull("role", role);
        Validate.notNull("included", included);
        return ctx.write((d, tx) -> {
            TenantContext.role(d, role);
            TenantContext.role(d, included);
            TreeSet<RoleId> direct = d.inclusions.get(role);
            if (direct != null && direct.contains(included)) {
                return false;
            }
            if (reaches(d, included, role)) {
                throw new ValidationException("includedRoleId", "a role cannot include itself, directly or through other roles");
            }
            tx.add(tx.child(d.inclusions, role, TreeSet::new), included);
            ctx.audit(d, tx, AuditRecord.inclusion(true, role, included));
            return true;
        });
    }

    @Override
    public boolean exclude(RoleId role, RoleId included) {
        Validate.notNull("role", role);
        Validate.notNull("included", included);
        return ctx.write((d, tx) -> {
            TenantContext.role(d, role);
            TreeSet<RoleId> direct = d.inclusions.get(role);
            if (direct == null || !tx.remove(direct, included)) {
                return false;
            }
            ctx.audit(d, tx, AuditRecord.inclusion(false, role, included));
            return true;
        });
    }

    @Override
    public List<Role> includes(RoleId role) {
        Validate.notNull("role", role);
        return ctx.read(d -> {
            TenantContext.role(d, role);
            TreeSet<RoleId> direct = d.inclusions.get(role);
            return direct == null ? List.of() : direct.stream().map(d.roles::get).toList();
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
            tx.remove(d.inclusions, id);
            for (TreeSet<RoleId> direct : d.inclusions.values()) {
                tx.remove(direct, id);
            }
            ctx.audit(d, tx, AuditRecord.deleted("role", id, stored).affecting(Impact.role(id)));
            return null;
        });
    }

    /** Whether {@code to} is {@code from} or a role {@code from} includes, directly or through others. */
    private static boolean reaches(TenantData d, RoleId from, RoleId to) {
        Set<RoleId> seen = new HashSet<>();
        ArrayDeque<RoleId> pending = new ArrayDeque<>();
        pending.push(from);
        while (!pending.isEmpty()) {
            RoleId r = pending.pop();
            if (r.equals(to)) {
                return true;
            }
            if (seen.add(r)) {
                pending.addAll(d.inclusions.getOrDefault(r, NO_ROLES));
            }
        }
        return false;
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
