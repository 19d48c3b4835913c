package dev.iamkit.store;

import dev.iamkit.model.TrailEntry;
import dev.iamkit.model.UserId;
import dev.iamkit.model.ViewId;
import java.util.List;

/**
 * Breadcrumbs: the views a user visited lately in the scope's organization, at most
 * {@link #CAPACITY} per user, one entry per view. Not access data: recording a visit writes no
 * audit event and does not move the organization's revision. Removing the user's membership
 * removes the user's trail there; deleting a view removes its entries everywhere. May throw
 * {@link dev.iamkit.error.StorageException}.
 */
public interface Trail {

    /** How many entries each user keeps per organization: recording more drops the oldest. */
    int CAPACITY = 20;

    /**
     * Records that {@code user} visits {@code view} now (the store's clock). A view already in the
     * user's trail is not added twice: its entry moves to the front with the new time.
     *
     * @throws dev.iamkit.error.NotFoundException ({@code organization}) when the organization does not exist,
     *         ({@code membership}) when the user is not a member of it (in any status),
     *         ({@code view}) when the view does not exist
     */
    TrailEntry record(UserId user, ViewId view);

    /**
     * The user's latest visits, newest first, at most {@code limit} (and never more than
     * {@link #CAPACITY}); empty, never null, for an unknown user.
     *
     * @throws dev.iamkit.error.ValidationException on {@code limit} when it is not between 1 and 1000
     */
    List<TrailEntry> recent(UserId user, int limit);
}
