package dev.iamkit;

import dev.iamkit.authz.AccessCache;
import dev.iamkit.model.Actor;
import dev.iamkit.model.GlobalRevision;
import dev.iamkit.model.Health;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Validate;
import dev.iamkit.retry.IdempotencyKey;
import dev.iamkit.retry.ResultCodec;
import dev.iamkit.store.ApiKeyAuthenticator;
import dev.iamkit.store.CatalogStore;
import dev.iamkit.store.CredentialStore;
import dev.iamkit.store.ConsentStore;
import dev.iamkit.store.PersonalDataKeys;
import dev.iamkit.store.Housekeeping;
import dev.iamkit.store.MagicLinkStore;
import dev.iamkit.store.NavigationStore;
import dev.iamkit.store.OrganizationStore;
import dev.iamkit.store.PrivacyStore;
import dev.iamkit.store.RateLimiter;
import dev.iamkit.store.SessionStore;
import dev.iamkit.store.UserStore;
import java.time.Clock;
import java.util.Optional;

/**
 * An {@link IamDatabase} that passes every call to another one: the base of a decorator (metrics,
 * joining a framework's transactions) that overrides only what it changes. The interface's default
 * methods are not forwarded, so {@link #tenant(OrgId)} and {@link #retrying} go through the
 * decorator's own {@link #tenant(OrgId, Actor)} and {@code inTenant}.
 */
public abstract class ForwardingIamDatabase implements IamDatabase {
    private final IamDatabase delegate;

    protected ForwardingIamDatabase(IamDatabase delegate) {
        this.delegate = Validate.notNull("delegate", delegate);
    }

    /** The store this one passes calls to. */
    protected IamDatabase delegate() {
        return delegate;
    }

    @Override
    public String kind() {
        return delegate.kind();
    }

    @Override
    public Clock clock() {
        return delegate.clock();
    }

    @Override
    public OrganizationStore organizations() {
        return delegate.organizations();
    }

    @Override
    public UserStore users() {
        return delegate.users();
    }

    @Override
    public CatalogStore catalog() {
        return delegate.catalog();
    }

    @Override
    public NavigationStore navigation() {
        return delegate.navigation();
    }

    @Override
    public MagicLinkStore magicLinks() {
        return delegate.magicLinks();
    }

    @Override
    public RateLimiter rateLimits() {
        return delegate.rateLimits();
    }

    @Override
    public SessionStore sessions() {
        return delegate.sessions();
    }

    @Override
    public ApiKeyAuthenticator apiKeys() {
        return delegate.apiKeys();
    }

    @Override
    public PrivacyStore privacy() {
        return delegate.privacy();
    }

    @Override
    public CredentialStore credentials() {
        return delegate.credentials();
    }

    @Override
    public ConsentStore consents() {
        return delegate.consents();
    }

    @Override
    public PersonalDataKeys personalData() {
        return delegate.personalData();
    }

    @Override
    public TenantScope tenant(OrgId org, Actor actor) {
        return delegate.tenant(org, actor);
    }

    @Override
    public <R> R inTenant(OrgId org, Actor actor, TenantWork<R> work) {
        return delegate.inTenant(org, actor, work);
    }

    @Override
    public <R> R inTenant(OrgId org, Actor actor, IdempotencyKey key, ResultCodec<R> codec, TenantWork<R> work) {
        return delegate.inTenant(org, actor, key, codec, work);
    }

    @Override
    public GlobalRevision globalRevision() {
        return delegate.globalRevision();
    }

    @Override
    public Optional<GlobalRevision> lastGlobalWriteRevision() {
        return delegate.lastGlobalWriteRevision();
    }

    @Override
    public AccessCache accessCache() {
        return delegate.accessCache();
    }

    @Override
    public Housekeeping housekeeping() {
        return delegate.housekeeping();
    }

    @Override
    public dev.iamkit.snapshot.SnapshotStore snapshots() {
        return delegate.snapshots();
    }

    @Override
    public Health health() {
        return delegate.health();
    }

    /** Closes the store this one passes calls to. */
    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + delegate + "]";
    }
}
