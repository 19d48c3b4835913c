package dev.iamkit.authz;

import dev.iamkit.error.ValidationException;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.GlobalRevision;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Permission;
import dev.iamkit.model.Revision;
import dev.iamkit.model.UserId;
import dev.iamkit.model.Validate;
import dev.iamkit.model.ViewId;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedSet;

/**
 * An {@link Authz} that answers checks, effective permissions and view access from the
 * {@link AuthzCache} at the asked {@link Consistency}, and everything else (explanations, which
 * are for diagnosis) from the store directly. {@link Consistency#full()} answers from an entry
 * only once the store's current revisions, read for the question, prove it current, and else
 * compiles; {@link Consistency#uncached()} reads the store for every question. The answers are the
 * store's answers by construction: a compiled entry is what the store's rules give for the user.
 */
public final class CachingAuthz implements Authz {

    /** What a store supplies: the user's compiled access, read in one consistent step. */
    public interface Compiler {
        CompiledAccess compile(UserId user);

        /**
         * False while a compile would read changes that are not committed (a store whose calls
         * join a transaction running on this thread): the question then goes to the store
         * directly, and nothing is kept.
         */
        default boolean mayCache() {
            return true;
        }

        /** Whether {@link #current()} can read the store's current revisions in one step. */
        default boolean readsCurrent() {
            return false;
        }

        /**
         * For {@link Consistency#full()}: the organization's revision and the global revision at
         * which checks last depended on a change, as committed now, read in one step (so from one
         * snapshot); or null when they could not be read so (the question is then compiled).
         * Called only when {@link #readsCurrent()}.
         */
        default AuthzCache.Floor current() {
            return null;
        }
    }

    private final OrgId org;
    private final AuthzCache cache;
    private final Compiler compiler;
    private final Authz direct;
    private final AuthzCache.Floor atLeast;
    private final boolean bypass;
    private final boolean full;

    public CachingAuthz(OrgId org, AuthzCache cache, Compiler compiler, Authz direct, Consistency consistency) {
        this.org = Validate.notNull("orgId", org);
        this.cache = cache;
        this.compiler = compiler;
        this.direct = direct;
        Validate.notNull("consistency", consistency);
        this.bypass = consistency instanceof Consistency.Uncached || consistency instanceof Consistency.Full && !compiler.readsCurrent();
        this.full = consistency instanceof Consistency.Full;
        this.atLeast = consistency instanceof Consistency.AtLeast a
                ? new AuthzCache.Floor(revisionOf(org, a), a.global().map(GlobalRevision::value).orElse(-1L))
                : AuthzCache.Floor.NONE;
    }

    /** The value of an {@code atLeast} revision, which must be of {@code org}; -1 when it asks only for a global revision. */
    public static long revisionOf(OrgId org, Consistency.AtLeast a) {
        if (a.revision().isEmpty()) {
            return -1;
        }
        Revision r = a.revision().get();
        if (!r.orgId().equals(org)) {
            throw new ValidationException("consistency", "is a revision of organization " + r.orgId() + ", not of " + org);
        }
        return r.value();
    }

    /** For a question {@link #direct()} has sent to the cache (so it was serving a moment ago). */
    private CompiledAccess compiled(UserId user) {
        AuthzCache.Entry hit = held(user);
        return hit != null ? hit.access : missed(user);
    }

    /**
     * The entry that may answer: up to date and at least {@link #atLeast}; with
     * {@link Consistency#full()}, also at least the revisions the store holds now, read only when
     * an entry is held (none held: the compile that follows is current anyway).
     */
    private AuthzCache.Entry held(UserId user) {
        if (!full) {
            return cache.fresh(org, user, atLeast);
        }
        if (!cache.holds(org, user)) {
            return null;
        }
        AuthzCache.Floor now = compiler.current();
        return now == null ? null : cache.fresh(org, user, now);
    }

    /**
     * For a question {@link #held} found no entry for: a compile. With {@link Consistency#full()}
     * always a new one, never an entry another thread kept meanwhile, which may predate the question.
     */
    private CompiledAccess missed(UserId user) {
        return full ? cache.compile(org, user, () -> compiler.compile(user)) : cache.get(org, user, atLeast, () -> compiler.compile(user));
    }

    /**
     * Whether this question goes to the store directly: asked so ({@link Consistency#uncached()},
     * or {@link Consistency#full()} where the store cannot read its revisions in one step), inside
     * a transaction, or while the cache cannot answer (then it costs what an uncached question
     * costs, one call, rather than compiling everything the user may do for a cache that could not
     * keep it).
     */
    private boolean direct() {
        if (bypass || !compiler.mayCache()) {
            return true;
        }
        if (!cache.serving()) {
            cache.bypassed();
            return true;
        }
        return false;
    }

    @Override
    public boolean check(UserId user, FeatureId feature, String action) {
        if (direct()) {
            return direct.check(user, feature, action);
        }
        Validate.notNull("userId", user);
        Validate.notNull("featureId", feature);
        Validate.notNull("action", action);
        AuthzCache.Entry hit = held(user);
        if (hit != null && hit.allows(feature, action)) {
            return true;
        }
        CompiledAccess c = hit != null ? hit.access : missed(user);
        // a granted action was valid when granted; anything else is validated before it is refused
        return (hit == null && c.allows(feature, action)) || c.allows(feature, Validate.action("action", action));
    }

    @Override
    public boolean check(UserId user, String featureCode, String action) {
        if (direct()) {
            return direct.check(user, featureCode, action);
        }
        CompiledAccess c = compiled(Validate.notNull("userId", user));
        // as for ids: what is granted was valid when granted; anything else is validated before it is refused
        return c.allows(Validate.notNull("featureCode", featureCode), action)
                || c.allows(Validate.code("featureCode", featureCode), Validate.action("action", action));
    }

    @Override
    public Map<Permission, Boolean> checkAll(UserId user, Collection<Permission> permissions) {
        if (direct()) {
            return direct.checkAll(user, permissions);
        }
        Validate.notNull("userId", user);
        Validate.notNull("permissions", permissions);
        permissions.forEach(p -> Validate.notNull("permissions", p));
        CompiledAccess c = compiled(user);
        Map<Permission, Boolean> out = new LinkedHashMap<>();
        for (Permission p : permissions) {
            out.put(p, c.allows(p.featureId(), p.action()));
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public Decision explain(UserId user, FeatureId feature, String action) {
        return direct.explain(user, feature, action);
    }

    @Override
    public SortedSet<Permission> effectivePermissions(UserId user) {
        if (direct()) {
            return direct.effectivePermissions(user);
        }
        Validate.notNull("userId", user);
        return compiled(user).permissions();
    }

    @Override
    public boolean canAccessView(UserId user, ViewId view) {
        if (direct()) {
            return direct.canAccessView(user, view);
        }
        Validate.notNull("userId", user);
        Validate.notNull("viewId", view);
        return compiled(user).allowsView(view);
    }

    @Override
    public Decision explainView(UserId user, ViewId view) {
        return direct.explainView(user, view);
    }

    @Override
    public SortedSet<ViewId> accessibleViews(UserId user) {
        if (direct()) {
            return direct.accessibleViews(user);
        }
        Validate.notNull("userId", user);
        return compiled(user).views();
    }
}
