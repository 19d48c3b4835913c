package dev.iamkit;

import dev.iamkit.authz.Authz;
import dev.iamkit.model.Actor;
import dev.iamkit.model.OrgId;
import dev.iamkit.store.AssignmentStore;
import dev.iamkit.store.AuditLog;
import dev.iamkit.store.EntitlementStore;
import dev.iamkit.store.GrantStore;
import dev.iamkit.store.MembershipStore;
import dev.iamkit.store.RoleStore;
import dev.iamkit.store.TeamStore;

/**
 * The groups of one organization. Nothing reachable from a scope reads or changes another
 * organization's data: ids of other organizations are treated as unknown.
 */
public interface TenantScope {

    OrgId orgId();

    /** Who the scope's changes are recorded as. */
    Actor actor();

    MembershipStore memberships();

    TeamStore teams();

    RoleStore roles();

    GrantStore grants();

    AssignmentStore assignments();

    EntitlementStore entitlements();

    Authz authz();

    AuditLog audit();
}
