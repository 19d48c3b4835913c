package dev.iamkit.store;

import dev.iamkit.model.FeatureGrant;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.Grant;
import dev.iamkit.model.RoleId;
import dev.iamkit.model.ViewAccess;
import dev.iamkit.model.ViewGrant;
import dev.iamkit.model.ViewId;
import java.util.Collection;
import java.util.List;

/**
 * A role's grants in the scope's organization. Every method throws
 * {@link dev.iamkit.error.NotFoundException} when the role does not exist, and may throw
 * {@link dev.iamkit.error.StorageException}.
 */
public interface GrantStore {

    /**
     * Grants (or changes the effect of) one action of one feature.
     *
     * @throws dev.iamkit.error.NotFoundException when the feature does not exist
     * @throws dev.iamkit.error.ValidationException on {@code action} when the feature has no such action
     */
    FeatureGrant grant(RoleId role, Grant grant);

    /** True if the role had a grant for this action. */
    boolean revoke(RoleId role, FeatureId feature, String action);

    /**
     * Replaces all of a role's feature grants with {@code grants}, atomically; returns them as
     * stored, in the order of {@link #list}. A grant that stays with its effect keeps its grantor
     * and time, as {@link #grant} of a stored grant does; new grants and grants whose effect
     * changes get the caller's and now. A replacement that changes nothing writes nothing: no
     * audit event, no revision moved.
     *
     * @throws dev.iamkit.error.ValidationException on {@code grants} when the same feature action appears twice,
     *         or on {@code action} when a feature has no such action
     * @throws dev.iamkit.error.NotFoundException when a feature does not exist
     */
    List<FeatureGrant> replace(RoleId role, Collection<Grant> grants);

    /** The role's feature grants by feature id, then action; never null. */
    List<FeatureGrant> list(RoleId role);

    /**
     * Grants (or changes the effect of) access to a view.
     *
     * @throws dev.iamkit.error.NotFoundException when the view does not exist
     */
    ViewGrant grantView(RoleId role, ViewAccess access);

    /** True if the role had a grant for the view. */
    boolean revokeView(RoleId role, ViewId view);

    /**
     * Replaces all of a role's view grants, atomically, as {@link #replace} does feature grants:
     * grants that stay with their effect are kept as they are, and a replacement that changes
     * nothing writes nothing.
     *
     * @throws dev.iamkit.error.ValidationException on {@code views} when a view appears twice
     * @throws dev.iamkit.error.NotFoundException when a view does not exist
     */
    List<ViewGrant> replaceViews(RoleId role, Collection<ViewAccess> views);

    /** The role's view grants by view id; never null. */
    List<ViewGrant> listViews(RoleId role);
}
