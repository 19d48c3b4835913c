package dev.iamkit.authz;

import dev.iamkit.model.Assignment;
import dev.iamkit.model.RoleId;
import dev.iamkit.model.TeamId;
import dev.iamkit.model.UserId;
import dev.iamkit.model.Validate;
import java.util.Set;
import java.util.UUID;

/**
 * Which compiled entries of an organization one committed change can alter, so that the cache
 * drops only those: a change to one user's access data (an assignment to the user, team
 * membership, the membership itself), to a team's (an assignment to the team, its deletion), to a
 * role's (its grants, view grants, inclusions, its deletion), to nothing a check reads (a new role,
 * a renamed team, an API key), or to everything (entitlements, or a change whose reach is not
 * known). A store that cannot say reports {@link #everything()}: over-invalidating is slow, never
 * wrong.
 *
 * <p>Announced between processes as text ({@link #encode}, {@link #decode}); anything unreadable
 * decodes as {@link #everything()}.
 */
public sealed interface Impact {

    /** Whether an entry of {@code user}, who is in {@code teams} and reached by {@code roles}, may be out of date after this change. */
    boolean touches(UUID user, Set<UUID> teams, Set<UUID> roles);

    /**
     * Whether the change may alter what the organization's members share in their answers (a
     * role's grants, inclusions or deletion, or anything of unknown reach), not only one user's or
     * one team's answers, or nothing.
     */
    default boolean sharedByMembers() {
        return this == Whole.EVERYTHING || this instanceof On on && on.kind() == On.Kind.ROLE;
    }

    /** The text form: {@code *}, {@code -}, {@code u:<id>}, {@code t:<id>} or {@code r:<id>}. */
    String encode();

    static Impact everything() {
        return Whole.EVERYTHING;
    }

    static Impact nothing() {
        return Whole.NOTHING;
    }

    static Impact user(UserId user) {
        return new On(On.Kind.USER, Validate.notNull("userId", user).value());
    }

    static Impact team(TeamId team) {
        return new On(On.Kind.TEAM, Validate.notNull("teamId", team).value());
    }

    static Impact role(RoleId role) {
        return new On(On.Kind.ROLE, Validate.notNull("roleId", role).value());
    }

    /** A change to what {@code principal} holds: the user's entry, or the entries of the team's members. */
    static Impact of(dev.iamkit.model.Principal principal) {
        return switch (Validate.notNull("principal", principal)) {
            case dev.iamkit.model.UserPrincipal u -> user(u.userId());
            case dev.iamkit.model.TeamPrincipal t -> team(t.teamId());
        };
    }

    /**
     * What writing {@code stored}, an assignment of a role, over {@code previous} (null: none) can
     * alter: nothing when the principal already held the role with the same expiry, since only who
     * granted it and when change, and no check reads those; else the principal's answers
     * ({@link #of}). An expiry moved either way counts: an earlier one ends the answer sooner, and
     * an entry compiled before would hold too long.
     */
    static Impact ofAssignment(Assignment previous, Assignment stored) {
        Validate.notNull("stored", stored);
        if (previous != null && previous.roleId().equals(stored.roleId()) && previous.principal().equals(stored.principal())
                && previous.expiresAt().equals(stored.expiresAt())) {
            return nothing();
        }
        return of(stored.principal());
    }

    /** Reads {@link #encode()}'s form; {@link #everything()} for anything else. */
    static Impact decode(String text) {
        if (text == null || text.isEmpty() || text.equals("*")) {
            return everything();
        }
        if (text.equals("-")) {
            return nothing();
        }
        for (On.Kind kind : On.Kind.values()) {
            if (text.length() == 38 && text.charAt(0) == kind.letter && text.charAt(1) == ':') {
                try {
                    return new On(kind, UUID.fromString(text.substring(2)));
                } catch (IllegalArgumentException e) {
                    return everything();
                }
            }
        }
        return everything();
    }

    /** All or none of the organization's entries: {@link #EVERYTHING} may alter any, {@link #NOTHING} alters nothing a check reads. */
    enum Whole implements Impact {
        EVERYTHING("*"),
        NOTHING("-");

        private final String text;

        Whole(String text) {
            this.text = text;
        }

        @Override
        public boolean touches(UUID user, Set<UUID> teams, Set<UUID> roles) {
            return this == EVERYTHING;
        }

        @Override
        public String encode() {
            return text;
        }
    }

    /**
     * The change alters one user's answers ({@link Kind#USER}), those of a team's members
     * ({@link Kind#TEAM}), or those of the users a role reaches ({@link Kind#ROLE}). An entry's
     * teams or roles given as null are not known: every team or role change touches it.
     */
    record On(Kind kind, UUID id) implements Impact {
        public enum Kind {
            USER('u'),
            TEAM('t'),
            ROLE('r');

            final char letter;

            Kind(char letter) {
                this.letter = letter;
            }
        }

        public On {
            Validate.notNull("kind", kind);
            Validate.notNull("id", id);
        }

        @Override
        public boolean touches(UUID user, Set<UUID> teams, Set<UUID> roles) {
            return switch (kind) {
                case USER -> id.equals(user);
                case TEAM -> teams == null || teams.contains(id);
                case ROLE -> roles == null || roles.contains(id);
            };
        }

        @Override
        public String encode() {
            return kind.letter + ":" + id;
        }
    }
}
