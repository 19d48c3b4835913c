package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.ORG_COUNTER;

import dev.iamkit.TenantScope;
import dev.iamkit.authz.Authz;
import dev.iamkit.authz.CachingAuthz;
import dev.iamkit.authz.Consistency;
import dev.iamkit.authz.Lookups;
import dev.iamkit.authz.SnapshotAuthz;
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

    /**
     * From the cache, except inside a transaction ({@code inTenant} work), which reads its own
     * state: a cache entry compiled there could hold changes that are never committed.
     */
    @Override
    public Authz authz(Consistency consistency) {
        Validate.notNull("consistency", consistency);
        if (consistency instanceof Consistency.AtLeast a) {
            CachingAuthz.revisionOf(ctx.org, a);
        }
        Authz snapshots = new SnapshotAuthz(new JooqAccessSource(ctx));
        Authz direct = ctx.functions == null ? snapshots : new FunctionAuthz(ctx, ctx.functions, snapshots);
        if (ctx.runner instanceof TenantRunner.Bound || !ctx.cache.enabled()) {
            return direct;
        }
        return new CachingAuthz(ctx.org, ctx.cache, new JooqAccessCompiler(ctx), direct, consistency);
    }

    /** Reads the store through the scope's runner: never the cache. */
    @Override
    public Lookups lookups() {
        return new JooqLookups(ctx);
    }

    /** One round trip: the counter row of the organization (none yet: revision 0). */
    @Override
    public Revision revision() {
        long value = ctx.read(sql -> sql.select(ORG_COUNTER.REVISION).from(ORG_COUNTER)
                .where(ORG_COUNTER.ORG_ID.eq(ctx.org.value()))
                .fetchOptional(ORG_COUNTER.REVISION).orElse(0L));
        return new Revision(ctx.org, value);
    }

    @Override
    public Optional<Revision> lastWriteRevision() {
        return ctx.lastWriteRevision();
    }

    @Override
    public AuditLog audit() {
        return new JooqAuditLog(ctx);
    }

    @Override
    public Menu menu() {
        return new JooqMenu(ctx);
    }

    @Override
    public ApiKeyStore apiKeys() {
        return new JooqApiKeyStore(ctx);
    }

    @Override
    public Trail trail() {
        return new JooqTrail(ctx);
    }

    @Override
    public UsageCounters usage() {
        return new JooqUsageCounters(ctx);
    }
}
