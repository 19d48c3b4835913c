package dev.iamkit;

import dev.iamkit.authz.Authz;
import dev.iamkit.authz.Consistency;
import dev.iamkit.authz.Lookups;
import dev.iamkit.model.Actor;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Revision;
import dev.iamkit.store.ApiKeyStore;
import dev.iamkit.store.AssignmentStore;
import dev.iamkit.store.AuditLog;
import dev.iamkit.store.EntitlementStore;
import dev.iamkit.store.GrantStore;
import dev.iamkit.store.Menu;
import dev.iamkit.store.MembershipStore;
import dev.iamkit.store.RoleStore;
import dev.iamkit.store.TeamStore;
import dev.iamkit.store.Trail;
import dev.iamkit.store.UsageCounters;
import java.util.Optional;

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

    /** Permission questions at the default consistency, {@link Consistency#minimizeLatency()}. */
    default Authz authz() {
        return authz(Consistency.minimizeLatency());
    }

    /**
     * Permission questions answered at {@code consistency}. Inside {@code inTenant} every answer
     * reads the transaction itself, whatever the consistency.
     *
     * @throws dev.iamkit.error.ValidationException on {@code consistency} when it names a revision of another organization
     */
    Authz authz(Consistency consistency);

    /**
     * Reverse lookups (who may do something, what someone may do), keyset-paged. They always read
     * the store, as {@link Consistency#uncached()} does; inside {@code inTenant}, the transaction.
     */
    Lookups lookups();

    /**
     * The organization's current access revision: the latest committed one (0 for an
     * organization nothing has changed in yet, or that does not exist); inside {@code inTenant},
     * the one the transaction's changes so far will commit as.
     */
    Revision revision();

    /**
     * The revision the latest change made through this scope committed at (inside
     * {@code inTenant}: will commit at), for {@link Consistency#atLeast}; empty while the scope
     * has changed nothing. Reads nothing from the store.
     */
    Optional<Revision> lastWriteRevision();

    AuditLog audit();

    /** The organization's API keys; authenticating one is {@link IamDatabase#apiKeys()}. */
    ApiKeyStore apiKeys();

    /** The menu a user may see here: the global menu definition filtered by view access. */
    Menu menu();

    /** The users' recently visited views here (breadcrumbs); not audited, not part of the revision. */
    Trail trail();

    /** Per-day usage counters of named metrics; not audited, not part of the revision. */
    UsageCounters usage();
}
