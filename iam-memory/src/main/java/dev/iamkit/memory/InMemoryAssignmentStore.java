package dev.iamkit.memory;

import dev.iamkit.authz.Impact;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.Assignment;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Principal;
import dev.iamkit.model.RoleId;
import dev.iamkit.model.TeamPrincipal;
import dev.iamkit.model.UserPrincipal;
import dev.iamkit.model.Validate;
import dev.iamkit.store.AssignmentStore;
import dev.iamkit.support.AuditRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Who holds which role in one organization. */
final class InMemoryAssignmentStore implements AssignmentStore {
    private final TenantContext ctx;

    InMemoryAssignmentStore(TenantContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Assignment assign(RoleId role, Principal principal, Optional<Instant> expiresAt) {
        Validate.notNull("role", role);
        Validate.notNull("principal", principal);
        Optional<Instant> expiry = Validate.instant("expiresAt", expiresAt);
        return ctx.write((d, tx) -> {
            Instant now = ctx.now();
            // Compared as stored (to the microsecond), so a stored assignment is never born expired.
            if (expiry.isPresent() && !expiry.get().isAfter(now)) {
                throw new ValidationException("expiresAt", "must be in the future");
            }
            TenantContext.role(d, role);
            switch (principal) {
                case UserPrincipal u -> {
                    if (!d.memberships.containsKey(u.userId())) {
                        throw new NotFoundException("membership", u.userId());
                    }
                }
                case TeamPrincipal t -> TenantContext.team(d, t.teamId());
            }
            TreeMap<Principal, Assignment> held = tx.child(d.assignments, role, TenantData::newAssignmentMap);
            Assignment stored = new Assignment(ctx.org, role, principal, ctx.actor.label(), now, expiry);
            Assignment previous = tx.put(held, principal, stored);
            ctx.audit(d, tx, AuditRecord.of("assignment.set", "role", role, previous, stored).affecting(Impact.ofAssignment(previous, stored)));
            return stored;
        });
    }

    @Override
    public boolean unassign(RoleId role, Principal principal) {
        Validate.notNull("role", role);
        Validate.notNull("principal", principal);
        return ctx.write((d, tx) -> {
            if (!d.roles.containsKey(role)) {
                throw new NotFoundException("role", role);
            }
            TreeMap<Principal, Assignment> held = d.assignments.get(role);
            Assignment removed = held == null ? null : tx.remove(held, principal);
            if (removed == null) {
                return false;
            }
            ctx.audit(d, tx, AuditRecord.of("assignment.remove", "role", role, removed, null).affecting(Impact.of(principal)));
            return true;
        });
    }

    @Override
    public List<Assignment> listFor(Principal principal) {
        Validate.notNull("principal", principal);
        return ctx.read(d -> {
            List<Assignment> out = new ArrayList<>();
            for (RoleId role : d.roles.keySet()) {
                Map<Principal, Assignment> held = d.assignments.get(role);
                Assignment a = held == null ? null : held.get(principal);
                if (a != null) {
                    out.add(a);
                }
            }
            return List.copyOf(out);
        });
    }

    @Override
    public Page<Assignment> listForRole(RoleId role, PageRequest page) {
        Validate.notNull("role", role);
        Validate.notNull("page", page);
        return ctx.read(d -> {
            TenantContext.role(d, role);
            TreeMap<Principal, Assignment> held = d.assignments.get(role);
            List<Assignment> sorted = held == null ? List.of() : List.copyOf(held.values());
            return Paging.byUuid(sorted, page, a -> TenantData.uuidOf(a.principal()));
        });
    }
}
