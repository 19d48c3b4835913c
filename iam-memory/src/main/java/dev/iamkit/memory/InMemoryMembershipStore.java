package dev.iamkit.memory;

import dev.iamkit.authz.Impact;
import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.StaleVersionException;
import dev.iamkit.model.Assignment;
import dev.iamkit.model.Membership;
import dev.iamkit.model.MembershipStatus;
import dev.iamkit.model.OrgRole;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Principal;
import dev.iamkit.model.User;
import dev.iamkit.model.UserId;
import dev.iamkit.model.Validate;
import dev.iamkit.store.MembershipStore;
import dev.iamkit.support.AuditRecord;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/** Memberships of one organization. Removing one takes the user out of its teams and direct roles, and drops the user's trail. */
final class InMemoryMembershipStore implements MembershipStore {
    private final TenantContext ctx;

    InMemoryMembershipStore(TenantContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Membership add(UserId user, OrgRole role) {
        return create(user, role, MembershipStatus.ACTIVE);
    }

    @Override
    public Membership invite(UserId user, OrgRole role) {
        return create(user, role, MembershipStatus.INVITED);
    }

    private Membership create(UserId user, OrgRole role, MembershipStatus status) {
        Validate.notNull("user", user);
        Validate.notNull("role", role);
        return ctx.write((d, tx) -> {
            User u = ctx.state.users.get(user);
            if (u == null || u.deleted()) {
                throw new NotFoundException("user", user);
            }
            if (d.memberships.containsKey(user)) {
                throw new AlreadyExistsException("membership", "userId", user);
            }
            Instant now = ctx.now();
            Optional<Instant> joined = status == MembershipStatus.ACTIVE ? Optional.of(now) : Optional.empty();
            Membership m = new Membership(ctx.org, user, role, status, joined, 0, now, now);
            tx.put(d.memberships, user, m);
            ctx.audit(d, tx, status == MembershipStatus.ACTIVE
                    ? AuditRecord.created("membership", user, m).affecting(Impact.user(user))
                    : AuditRecord.of("membership.invite", "membership", user, null, m).affecting(Impact.user(user)));
            return m;
        });
    }

    @Override
    public Optional<Membership> find(UserId user) {
        Validate.notNull("user", user);
        return ctx.read(d -> Optional.ofNullable(d.memberships.get(user)));
    }

    @Override
    public Page<Membership> list(PageRequest page) {
        Validate.notNull("page", page);
        return ctx.read(d -> Paging.byId(d.memberships, page, UserId::new, m -> true, Membership::userId));
    }

    @Override
    public Membership update(Membership changed) {
        Validate.notNull("changed", changed);
        ctx.requireOwn(changed.orgId());
        return ctx.write((d, tx) -> {
            Membership stored = require(d, changed.userId());
            if (stored.version() != changed.version()) {
                throw new StaleVersionException("membership", changed.userId(), changed.version());
            }
            Instant now = ctx.now();
            // joinedAt records the first activation and then never moves.
            Optional<Instant> joined = stored.joinedAt().isEmpty() && changed.status() == MembershipStatus.ACTIVE
                    ? Optional.of(now) : stored.joinedAt();
            Membership updated = new Membership(ctx.org, stored.userId(), changed.role(), changed.status(), joined,
                    stored.version() + 1, stored.createdAt(), now);
            tx.put(d.memberships, updated.userId(), updated);
            ctx.audit(d, tx, AuditRecord.updated("membership", updated.userId(), stored, updated).affecting(Impact.user(updated.userId())));
            return updated;
        });
    }

    @Override
    public void remove(UserId user) {
        Validate.notNull("user", user);
        ctx.write((d, tx) -> {
            Membership stored = require(d, user);
            tx.remove(d.memberships, user);
            for (TreeSet<UserId> members : d.teamMembers.values()) {
                tx.remove(members, user);
            }
            Principal p = Principal.user(user);
            for (TreeMap<Principal, Assignment> held : d.assignments.values()) {
                tx.remove(held, p);
            }
            tx.remove(d.trails, user);
            ctx.audit(d, tx, AuditRecord.deleted("membership", user, stored).affecting(Impact.user(user)));
            return null;
        });
    }

    private static Membership require(TenantData d, UserId user) {
        Membership m = d.memberships.get(user);
        if (m == null) {
            throw new NotFoundException("membership", user);
        }
        return m;
    }
}
