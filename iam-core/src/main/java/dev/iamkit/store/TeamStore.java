package dev.iamkit.store;

import dev.iamkit.model.NewTeam;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Team;
import dev.iamkit.model.TeamId;
import dev.iamkit.model.UserId;
import java.util.List;
import java.util.Optional;

/** Teams of the scope's organization. Every method may throw {@link dev.iamkit.error.StorageException}. */
public interface TeamStore {

    /**
     * @throws dev.iamkit.error.AlreadyExistsException on {@code name} when the organization has a team of that name in any case or
     *         form, i.e. with the same {@link dev.iamkit.support.CaseFolding#key}
     * @throws dev.iamkit.error.NotFoundException when the organization does not exist
     */
    Team create(NewTeam team);

    Optional<Team> find(TeamId id);

    /**
     * The team whose name has the same {@link dev.iamkit.support.CaseFolding#key} as {@code name}
     * (so ignoring case and compatibility forms); never null.
     *
     * @throws dev.iamkit.error.ValidationException on {@code name} when it is null or holds a NUL or an unpaired surrogate
     */
    Optional<Team> findByName(String name);

    /** Teams in creation (id) order; never null. */
    Page<Team> list(PageRequest page);

    /**
     * Stores name and description if the version is the stored one.
     *
     * @throws dev.iamkit.error.TenantMismatchException when {@code changed} belongs to another organization
     * @throws dev.iamkit.error.NotFoundException when the team does not exist
     * @throws dev.iamkit.error.StaleVersionException when the version is not the stored one
     * @throws dev.iamkit.error.AlreadyExistsException on {@code name}
     */
    Team update(Team changed);

    /**
     * Deletes the team, its member list and the roles assigned to it.
     *
     * @throws dev.iamkit.error.NotFoundException when the team does not exist
     */
    void delete(TeamId id);

    /**
     * Adds a member of the organization to the team; true if added, false if already in it.
     *
     * @throws dev.iamkit.error.NotFoundException on the team, or on {@code membership} when the user is not a member of the organization
     */
    boolean addMember(TeamId team, UserId user);

    /**
     * True if the user was in the team.
     *
     * @throws dev.iamkit.error.NotFoundException when the team does not exist
     */
    boolean removeMember(TeamId team, UserId user);

    /**
     * The team's members in user-id order; never null.
     *
     * @throws dev.iamkit.error.NotFoundException when the team does not exist
     */
    List<UserId> members(TeamId team);

    /** The teams a user belongs to, in team-id order; never null. */
    List<Team> teamsOf(UserId user);
}
