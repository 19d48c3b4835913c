package dev.iamkit;

import dev.iamkit.authz.Authz;
import dev.iamkit.authz.Consistency;
import dev.iamkit.authz.Lookups;
import dev.iamkit.model.Actor;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Revision;
import dev.iamkit.model.Validate;
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
 * A {@link TenantScope} that passes every call to another one, the companion of
 * {@link ForwardingIamDatabase}. {@link #authz()} is not forwarded: it goes through the
 * decorator's own {@link #authz(Consistency)}.
 */
public abstract class ForwardingTenantScope implements TenantScope {
    private final TenantScope delegate;

    protected ForwardingTenantScope(TenantScope delegate) {
        this.delegate = Validate.notNull("delegate", delegate);
    }

    /** The scope this one passes calls to. */
    protected TenantScope delegate() {
        return delegate;
    }

    @Override
    public OrgId orgId() {
        return delegate.orgId();
    }

    @Override
    public Actor actor() {
        return delegate.actor();
    }

    @Override
    public MembershipStore memberships() {
        return delegate.memberships();
    }

    @Override
    public TeamStore teams() {
        return delegate.teams();
    }

    @Override
    public RoleStore roles() {
        return delegate.roles();
    }

    @Override
    public GrantStore grants() {
        return delegate.grants();
    }

    @Override
    public AssignmentStore assignments() {
        return delegate.assignments();
    }

    @Override
    public EntitlementStore entitlements() {
        return delegate.entitlements();
    }

    @Override
    public Authz authz(Consistency consistency) {
        return delegate.authz(consistency);
    }

    @Override
    public Lookups lookups() {
        return delegate.lookups();
    }

    @Override
    public Revision revision() {
        return delegate.revision();
    }

    @Override
    public Optional<Revision> lastWriteRevision() {
        return delegate.lastWriteRevision();
    }

    @Override
    public AuditLog audit() {
        return delegate.audit();
    }

    @Override
    public ApiKeyStore apiKeys() {
        return delegate.apiKeys();
    }

    @Override
    public Menu menu() {
        return delegate.menu();
    }

    @Override
    public Trail trail() {
        return delegate.trail();
    }

    @Override
    public UsageCounters usage() {
        return delegate.usage();
    }
}
