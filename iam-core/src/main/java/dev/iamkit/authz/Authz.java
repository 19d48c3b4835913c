package dev.iamkit.authz;

import dev.iamkit.model.FeatureId;
import dev.iamkit.model.Permission;
import dev.iamkit.model.UserId;
import dev.iamkit.model.ViewId;
import java.util.Collection;
import java.util.Map;
import java.util.SortedSet;

/**
 * Permission questions about the scope's organization. A check is true iff: (1) the organization
 * exists, is not deleted and not suspended; (2) the user exists, is not deleted, is {@code ACTIVE}
 * and has an {@code ACTIVE} membership; (3) the organization has an enabled, unexpired entitlement
 * to an enabled module containing the feature (or view); (4) some role assigned to the user,
 * directly or through a team, and not expired, ALLOWs it; (5) no such role DENYs it.
 * Unknown ids give false, never an exception. Inside {@code inTenant} the answers reflect the
 * work's own uncommitted changes. Every method may throw
 * {@link dev.iamkit.error.StorageException}; malformed arguments throw
 * {@link dev.iamkit.error.ValidationException}.
 */
public interface Authz {

    boolean check(UserId user, FeatureId feature, String action);

    /**
     * {@link #check(UserId, FeatureId, String)} for the feature whose catalog code is
     * {@code featureCode}, e.g. {@code check(user, "invoices", "read")}: what a host writes in an
     * annotation or a configuration file, where ids are unknown. A well-formed code that names no
     * feature gives false, like an unknown id; a code that is not a code at all (not 2 to 64 of
     * {@code a-z 0-9 _ . -}, starting with a letter, after stripping surrounding blanks; upper case
     * included) is a mistake in the caller, not an absent feature, and throws.
     *
     * @throws dev.iamkit.error.ValidationException on {@code featureCode} when it is not a
     *         well-formed code, on {@code action} when that is not a well-formed action name
     */
    boolean check(UserId user, String featureCode, String action);

    /** Answers many checks for one user at once; the map keeps the order of {@code permissions}. */
    Map<Permission, Boolean> checkAll(UserId user, Collection<Permission> permissions);

    /** The decision with the rule that made it: the first unmet condition, the DENY, or the ALLOW. */
    Decision explain(UserId user, FeatureId feature, String action);

    /** Every (feature, action) the user may perform here, ordered; empty when rule 1 or 2 fails; only features the organization is entitled to. */
    SortedSet<Permission> effectivePermissions(UserId user);

    boolean canAccessView(UserId user, ViewId view);

    Decision explainView(UserId user, ViewId view);

    /** Every view the user may access here, in id order. */
    SortedSet<ViewId> accessibleViews(UserId user);
}
