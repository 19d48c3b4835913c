package dev.iamkit.store;

import dev.iamkit.model.Assignment;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Principal;
import dev.iamkit.model.RoleId;
import dev.iamkit.model.TeamId;
import dev.iamkit.model.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Who holds which role in the scope's organization. Every method may throw {@link dev.iamkit.error.StorageException}. */
public interface AssignmentStore {

    /**
     * Assigns a role to a user or a team; assigning again replaces the expiry (and grantor).
     *
     * @throws dev.iamkit.error.NotFoundException on the role, on the team, or on {@code membership}
     *         when a user is not a member of the organization
     * @throws dev.iamkit.error.ValidationException on {@code expiresAt} when it is not in the future
     */
    Assignment assign(RoleId role, Principal principal, Optional<Instant> expiresAt);

    default Assignment assign(RoleId role, UserId user) {
        return assign(role, Principal.user(user), Optional.empty());
    }

    default Assignment assign(RoleId role, TeamId team) {
        return assign(role, Principal.team(team), Optional.empty());
    }

    /**
     * True if the principal held the role.
     *
     * @throws dev.iamkit.error.NotFoundException when the role does not exist
     */
    boolean unassign(RoleId role, Principal principal);

    /** The roles assigned to a principal directly (for a user, not through teams), in role-id order, expired ones included; never null. */
    List<Assignment> listFor(Principal principal);

    /**
     * Who holds a role, users and teams together in principal-id order, expired ones included.
     *
     * @throws dev.iamkit.error.NotFoundException when the role does not exist
     */
    Page<Assignment> listForRole(RoleId role, PageRequest page);
}
