package dev.iamkit.spring;

import dev.iamkit.TenantScope;
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
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A tenant scope whose calls decide, each when it is made, where to run: inside the caller's
 * Spring-managed transaction when there is one (as tenant work on its connection, one savepoint
 * per call), else as the store's own scope runs them. Writes and reads of the groups join; the
 * questions answered from the cache ({@code authz}, {@code lookups}, {@code menu},
 * {@code revision}) join only a transaction that iamkit work has already run in, where the cache
 * would not show that work, and otherwise stay on the cache.
 */
final class JoinedTenantScope implements TenantScope {
    private final SpringTransactionIam db;
    private final TenantScope own;
    /** The revision of the latest change a joined call made (valid once its transaction commits). */
    private final AtomicReference<Revision> joinedWrite = new AtomicReference<>();

    JoinedTenantScope(SpringTransactionIam db, TenantScope own) {
        this.db = db;
        this.own = own;
    }

    private boolean joins(boolean always) {
        return db.inTransaction() && (always || db.worked());
    }

    /** Runs {@code call} on the scope it decides for. */
    private <T> T run(boolean always, Function<TenantScope, T> call) {
        if (!joins(always)) {
            return call.apply(own);
        }
        return db.joined(own.orgId(), own.actor(), tx -> {
            T result = call.apply(tx);
            tx.lastWriteRevision().ifPresent(r -> joinedWrite.accumulateAndGet(r, (a, b) -> a == null || b.value() > a.value() ? b : a));
            return result;
        });
    }

    /** A view of a group whose every call is {@link #run} on the group of the scope decided for. */
    private <T> T group(Class<T> type, boolean always, Function<TenantScope, T> of) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return objectMethod(proxy, method, args, type);
            }
            return run(always, scope -> invoke(of.apply(scope), method, args));
        }));
    }

    private static Object objectMethod(Object proxy, Method method, Object[] args, Class<?> type) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "joined " + type.getSimpleName();
        };
    }

    private static Object invoke(Object target, Method method, Object[] args) {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public OrgId orgId() {
        return own.orgId();
    }

    @Override
    public Actor actor() {
        return own.actor();
    }

    @Override
    public MembershipStore memberships() {
        return group(MembershipStore.class, true, TenantScope::memberships);
    }

    @Override
    public TeamStore teams() {
        return group(TeamStore.class, true, TenantScope::teams);
    }

    @Override
    public RoleStore roles() {
        return group(RoleStore.class, true, TenantScope::roles);
    }

    @Override
    public GrantStore grants() {
        return group(GrantStore.class, true, TenantScope::grants);
    }

    @Override
    public AssignmentStore assignments() {
        return group(AssignmentStore.class, true, TenantScope::assignments);
    }

    @Override
    public EntitlementStore entitlements() {
        return group(EntitlementStore.class, true, TenantScope::entitlements);
    }

    @Override
    public Authz authz(Consistency consistency) {
        own.authz(consistency);   // validates the consistency now, as the store's scope does
        return group(Authz.class, false, scope -> scope.authz(consistency));
    }

    @Override
    public Lookups lookups() {
        return group(Lookups.class, false, TenantScope::lookups);
    }

    @Override
    public Revision revision() {
        return run(false, TenantScope::revision);
    }

    /** The later of the revisions written through this scope, joined (valid once their transaction commits) or not. */
    @Override
    public Optional<Revision> lastWriteRevision() {
        Optional<Revision> mine = own.lastWriteRevision();
        Revision joined = joinedWrite.get();
        if (joined == null) {
            return mine;
        }
        return mine.isPresent() && mine.get().value() > joined.value() ? mine : Optional.of(joined);
    }

    @Override
    public AuditLog audit() {
        return group(AuditLog.class, true, TenantScope::audit);
    }

    @Override
    public ApiKeyStore apiKeys() {
        return group(ApiKeyStore.class, true, TenantScope::apiKeys);
    }

    @Override
    public Menu menu() {
        return group(Menu.class, false, TenantScope::menu);
    }

    @Override
    public Trail trail() {
        return group(Trail.class, true, TenantScope::trail);
    }

    @Override
    public UsageCounters usage() {
        return group(UsageCounters.class, true, TenantScope::usage);
    }
}
