package dev.iamkit.authz;

import dev.iamkit.error.ValidationException;
import dev.iamkit.model.Feature;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Permission;
import dev.iamkit.model.UserId;
import dev.iamkit.model.Validate;
import dev.iamkit.model.ViewId;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * Everything one user may do in one organization, as of one revision of the organization and one
 * of the store's global data: what the cache keeps. A store compiles it in one consistent read,
 * both revisions included. It stops being true at {@code validUntil}, the earliest future expiry
 * of an assignment or entitlement it depends on.
 */
public final class CompiledAccess {
    private final OrgId orgId;
    private final UserId userId;
    private final long revision;
    private final long globalRevision;
    private final Optional<Instant> validUntil;
    private final long validUntilMillis;
    private final SortedSet<Permission> permissions;
    private final SortedSet<ViewId> views;
    /** {@link #permissions} packed for checks ({@link PermissionIndex}); held so that the shared arrays live as long as this. */
    private final PermissionIndex.Packed packed;
    private final long[] featureTable;
    private final String[] actionNames;
    /** The catalog code of each feature in {@link #permissions}, for checks by code. */
    private final Map<String, FeatureId> byCode;
    private final Set<ViewId> viewSet;
    private final Dependencies dependencies;

    /**
     * What a compiled answer rests on besides its user and the organization-wide data: every role
     * that reaches the user (directly, through a team, or by inclusion; unexpired) and every team
     * the user is in. Null sets mean not known. A user the gate shuts out (rules 1 and 2) depends on
     * no role or team: only a change to the user, the membership or global data can open it.
     */
    public record Dependencies(Set<UUID> roles, Set<UUID> teams) {
        public static final Dependencies UNKNOWN = new Dependencies(null, null);

        public Dependencies {
            roles = roles == null ? null : Set.copyOf(roles);
            teams = teams == null ? null : Set.copyOf(teams);
        }
    }

    /**
     * @param featureCodes the catalog code of every feature that {@code permissions} name (more
     *        are ignored), so that checks by code answer as checks by id do
     * @throws IllegalArgumentException when a feature of {@code permissions} has no code there
     */
    public CompiledAccess(OrgId orgId, UserId userId, long revision, long globalRevision, Optional<Instant> validUntil,
                          SortedSet<Permission> permissions, Map<FeatureId, String> featureCodes, SortedSet<ViewId> views) {
        this(orgId, userId, revision, globalRevision, validUntil, permissions, featureCodes, views, Dependencies.UNKNOWN);
    }

    /**
     * @param dependencies the roles and teams the answer rests on, so that a change to another role
     *        or team leaves it valid ({@link Impact}); {@link Dependencies#UNKNOWN} makes every
     *        change to a role or team count
     */
    public CompiledAccess(OrgId orgId, UserId userId, long revision, long globalRevision, Optional<Instant> validUntil,
                          SortedSet<Permission> permissions, Map<FeatureId, String> featureCodes, SortedSet<ViewId> views,
                          Dependencies dependencies) {
        this.dependencies = Validate.notNull("dependencies", dependencies);
        this.orgId = Validate.notNull("orgId", orgId);
        this.userId = Validate.notNull("userId", userId);
        if (revision < 0 || globalRevision < 0) {
            throw new ValidationException("revision", "must not be negative");
        }
        this.revision = revision;
        this.globalRevision = globalRevision;
        this.validUntil = Validate.present("validUntil", validUntil);
        this.validUntilMillis = validUntil.map(CompiledAccess::epochMillis).orElse(Long.MAX_VALUE);
        this.permissions = Collections.unmodifiableSortedSet(new TreeSet<>(permissions));
        this.views = Collections.unmodifiableSortedSet(new TreeSet<>(views));
        this.packed = PermissionIndex.of(this.permissions);
        this.featureTable = packed.features();
        this.actionNames = packed.names();
        Map<String, FeatureId> codes = new HashMap<>();
        for (FeatureId f : this.permissions.stream().map(Permission::featureId).distinct().toList()) {
            String code = featureCodes.get(f);
            if (code == null) {
                throw new IllegalArgumentException("no code for feature " + f);
            }
            codes.put(code, f);
        }
        this.byCode = Map.copyOf(codes);
        this.viewSet = Set.copyOf(views);
    }

    /**
     * Compiles a snapshot with the rules of {@link AccessEvaluator}, so a cached answer is the
     * answer the evaluator would give.
     */
    public static CompiledAccess of(AccessSnapshot s, Function<FeatureId, Optional<Feature>> featureOf, long revision,
                                    long globalRevision, Optional<Instant> validUntil) {
        return of(s, featureOf, revision, globalRevision, validUntil, null);
    }

    /**
     * As {@link #of(AccessSnapshot, Function, long, long, Optional)}, with the user's teams
     * ({@code null}: not known): the roles it depends on are the snapshot's.
     */
    public static CompiledAccess of(AccessSnapshot s, Function<FeatureId, Optional<Feature>> featureOf, long revision,
                                    long globalRevision, Optional<Instant> validUntil, Set<UUID> teams) {
        SortedSet<Permission> permissions = AccessEvaluator.effectivePermissions(s, featureOf);
        Map<FeatureId, String> codes = new HashMap<>();
        // a permitted feature exists: the evaluator permits none it cannot find
        permissions.forEach(p -> codes.computeIfAbsent(p.featureId(), f -> featureOf.apply(f).orElseThrow().code()));
        return new CompiledAccess(s.orgId(), s.userId(), revision, globalRevision, s.blocked().isPresent() ? Optional.empty() : validUntil,
                permissions, codes, AccessEvaluator.accessibleViews(s), teams == null ? Dependencies.UNKNOWN
                        : s.blocked().isPresent() ? new Dependencies(Set.of(), Set.of())
                        : new Dependencies(s.roles().stream().map(r -> r.roleId().value()).collect(java.util.stream.Collectors.toSet()), teams));
    }

    public OrgId orgId() {
        return orgId;
    }

    public UserId userId() {
        return userId;
    }

    public long revision() {
        return revision;
    }

    /** The revision of the store's global data it was compiled at ({@link dev.iamkit.model.GlobalRevision}). */
    public long globalRevision() {
        return globalRevision;
    }

    public Optional<Instant> validUntil() {
        return validUntil;
    }

    /**
     * {@link #validUntil} in epoch milliseconds, {@link Long#MAX_VALUE} when it never expires; it
     * holds while now is before it (an expiry at exactly now counts as expired).
     */
    long validUntilMillis() {
        return validUntilMillis;
    }

    long[] featureTable() {
        return featureTable;
    }

    String[] actionNames() {
        return actionNames;
    }

    /** Every (feature, action) the user may perform, ordered. */
    public SortedSet<Permission> permissions() {
        return permissions;
    }

    /** Every view the user may access, in id order. */
    public SortedSet<ViewId> views() {
        return views;
    }

    /** Whether the user may perform {@code action} (already validated) on {@code feature}. */
    boolean allows(FeatureId feature, String action) {
        return PermissionIndex.allows(featureTable, actionNames, feature, action);
    }

    /** Whether the user may perform {@code action} (already validated) on the feature coded {@code featureCode}. */
    boolean allows(String featureCode, String action) {
        FeatureId feature = byCode.get(featureCode);
        return feature != null && allows(feature, action);
    }

    boolean allowsView(ViewId view) {
        return viewSet.contains(view);
    }

    /** The roles and teams this answer rests on ({@link Dependencies}). */
    public Dependencies dependencies() {
        return dependencies;
    }

    @Override
    public String toString() {
        return "CompiledAccess[" + orgId + "/" + userId + "@" + revision + ", global@" + globalRevision + ", " + permissions.size() + " permissions, "
                + views.size() + " views]";
    }

    /** {@code t} in milliseconds since the epoch; an instant past the range (a database's infinity) as the end of the range. */
    private static long epochMillis(Instant t) {
        try {
            return t.toEpochMilli();
        } catch (ArithmeticException beyond) {
            return t.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
