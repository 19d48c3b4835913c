package dev.iamkit.jooq;

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

/** The tenant groups over one {@link TenantContext}; the stores are light and made on demand. */
final class JooqTenantScope implements TenantScope {
    private final TenantContext ctx;

    JooqTenantScope(TenantContext ctx) {
        this.ctx = ctx;
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
        return new JooqMembershipStore(ctx);
    }

    @Override
    public TeamStore teams() {
        return new JooqTeamStore(ctx);
    }

    @Override
    public RoleStore roles() {
        return new JooqRoleStore(ctx);
    }

    @Override
    public GrantStore grants() {
        return new JooqGrantStore(ctx);
    }

    @Override
    public AssignmentStore assignments() {
        return new JooqAssignmentStore(ctx);
    }

    @Override
    public EntitlementStore entitlements() {
        return new JooqEntitlementStore(ctx);
    }

    @Override
    public Authz authz() {
        return new SnapshotAuthz(new JooqAccessSource(ctx));
    }

    @Override
    public AuditLog audit() {
        return new JooqAuditLog(ctx);
    }
}
