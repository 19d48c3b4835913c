package dev.iamkit.memory;

import dev.iamkit.TenantScope;
import dev.iamkit.authz.Authz;
import dev.iamkit.authz.AuthzCache;
import dev.iamkit.authz.CachingAuthz;
import dev.iamkit.authz.CompiledAccess;
import dev.iamkit.authz.Consistency;
import dev.iamkit.authz.Lookups;
import dev.iamkit.authz.SnapshotAuthz;
import dev.iamkit.model.Actor;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Revision;
import dev.iamkit.model.UserId;
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

/** The groups of one organization, all sharing one {@link TenantContext}. */
final class InMemoryTenantScope implements TenantScope {
    private final TenantContext ctx;
    private final MembershipStore memberships;
    private final TeamStore teams;
    private final RoleStore roles;
    private final GrantStore grants;
    private final AssignmentStore assignments;
    private final EntitlementStore entitlements;
    private final InMemoryAccessSource access;
    private final Authz direct;
    private final Lookups lookups;
    private final CachingAuthz.Compiler compiler;
    private final AuditLog audit;
    private final Menu menu;
    private final Trail trail;
    private final UsageCounters usage;
    private final ApiKeyStore apiKeys;

    InMemoryTenantScope(TenantContext ctx) {
        this.ctx = ctx;
        this.memberships = new InMemoryMembershipStore(ctx);
        this.teams = new InMemoryTeamStore(ctx);
        this.roles = new InMemoryRoleStore(ctx);
        this.grants = new InMemoryGrantStore(ctx);
        this.assignments = new InMemoryAssignmentStore(ctx);
        this.entitlements = new InMemoryEntitlementStore(ctx);
        this.access = new InMemoryAccessSource(ctx);
        this.direct = new SnapshotAuthz(access);
        this.lookups = new InMemoryLookups(ctx, access);
        this.compiler = new CachingAuthz.Compiler() {
            @Override
            public CompiledAccess compile(UserId user) {
                return access.compile(user);
            }

            @Override
            public boolean mayCache() {
                return !ctx.transactor.inWrite();
            }

            @Override
            public boolean readsCurrent() {
                return true;
            }

            @Override
            public AuthzCache.Floor current() {
                return access.current();
            }
        };
        this.audit = new InMemoryAuditLog(ctx);
        this.menu = new InMemoryMenu(ctx, access);
        this.trail = new InMemoryTrail(ctx);
        this.usage = new InMemoryUsageCounters(ctx);
        this.apiKeys = new InMemoryApiKeyStore(ctx);
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

    /**
     * Answers from the cache, except inside a transaction: the scope of {@code inTenant} work,
     * and a scope used on the thread of running work (whose calls join it), read the
     * transaction's own state.
     */
    @Override
    public Authz authz(Consistency consistency) {
        ctx.checkUsable();
        Validate.notNull("consistency", consistency);
        if (consistency instanceof Consistency.AtLeast a) {
            CachingAuthz.revisionOf(ctx.org, a);
        }
        if (ctx.bound || !ctx.cache.enabled()) {
            return direct;
        }
        return new CachingAuthz(ctx.org, ctx.cache, compiler, direct, consistency);
    }

    @Override
    public Lookups lookups() {
        ctx.checkUsable();
        return lookups;
    }

    @Override
    public Revision revision() {
        ctx.checkUsable();
        return ctx.read(d -> new Revision(ctx.org, d.revision));
    }

    @Override
    public Optional<Revision> lastWriteRevision() {
        ctx.checkUsable();
        return ctx.lastWriteRevision();
    }

    @Override
    public AuditLog audit() {
        ctx.checkUsable();
        return audit;
    }

    @Override
    public Menu menu() {
        ctx.checkUsable();
        return menu;
    }

    @Override
    public ApiKeyStore apiKeys() {
        return apiKeys;
    }

    @Override
    public Trail trail() {
        ctx.checkUsable();
        return trail;
    }

    @Override
    public UsageCounters usage() {
        ctx.checkUsable();
        return usage;
    }
}
