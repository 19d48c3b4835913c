package dev.iamkit.memory;

import dev.iamkit.TenantScope;
import dev.iamkit.authz.Authz;
import dev.iamkit.authz.SnapshotAuthz;
import dev.iamkit.model.Actor;
import dev.iamkit.model.OrgId;
import dev.iamkit.store.AssignmentStore;
import dev.iamkit.store.AuditLog;
import dev.iamkit.store.EntitlementStore;
import dev.iamkit.store.GrantStore;
import dev.iamkit.store.MembershipStore;
import dev.iamkit.store.RoleStore;
import dev.iamkit.store.TeamStore;

/** The groups of one organization, all sharing one {@link TenantContext}. */
final class InMemoryTenantScope implements TenantScope {
    private final TenantContext ctx;
    private final MembershipStore memberships;
    private final TeamStore teams;
    private final RoleStore roles;
    private final GrantStore grants;
    private final AssignmentStore assignments;
    private final EntitlementStore entitlements;
    private final Authz authz;
    private final AuditLog audit;

    InMemoryTenantScope(TenantContext ctx) {
        this.ctx = ctx;
        this.memberships = new InMemoryMembershipStore(ctx);
        this.teams = new InMemoryTeamStore(ctx);
        this.roles = new InMemoryRoleStore(ctx);
        this.grants = new InMemoryGrantStore(ctx);
        this.assignments = new InMemoryAssignmentStore(ctx);
        this.entitlements = new InMemoryEntitlementStore(ctx);
        this.authz = new SnapshotAuthz(new InMemoryAccessSource(ctx));
        this.audit = new InMemoryAuditLog(ctx);
    }

    @Override
    public OrgId orgId() {
        return ctx.org;
    }

    @Override
    public Actor actor() {
        return ctx.actor;
    }

    @Override
    public MembershipStore memberships() {
        ctx.checkUsable();
        return memberships;
    }

    @Override
    public TeamStore teams() {
        ctx.checkUsable();
        return teams;
    }

    @Override
    public RoleStore roles() {
        ctx.checkUsable();
        return roles;
    }

    @Override
    public GrantStore grants() {
        ctx.checkUsable();
        return grants;
    }

    @Override
    public AssignmentStore assignments() {
        ctx.checkUsable();
        return assignments;
    }

    @Override
    public EntitlementStore entitlements() {
        ctx.checkUsable();
        return entitlements;
    }

    @Override
    public Authz authz() {
        ctx.checkUsable();
        return authz;
    }

    @Override
    public AuditLog audit() {
        ctx.checkUsable();
        return audit;
    }
}
