package dev.iamkit.authz;

import dev.iamkit.error.ValidationException;
import dev.iamkit.model.ModuleId;
import dev.iamkit.model.RoleId;
import dev.iamkit.model.TeamId;
import dev.iamkit.model.Validate;
import java.util.Optional;

/**
 * The answer to a check with its reason. When a role decided ({@code ALLOWED} or {@code DENIED}),
 * {@code roleId} names it (the smallest role id among those that decided), {@code viaTeam} the
 * team it was assigned through (empty when assigned directly; a direct assignment is preferred),
 * and {@code moduleId} the entitled module that made the feature usable (smallest id).
 */
public record Decision(boolean allowed, Reason reason, Optional<RoleId> roleId, Optional<TeamId> viaTeam, Optional<ModuleId> moduleId) {

    public enum Reason {
        ALLOWED("allowed by a role"),
        ORGANIZATION_NOT_FOUND("the organization does not exist"),
        ORGANIZATION_DELETED("the organization is deleted"),
        ORGANIZATION_SUSPENDED("the organization is suspended"),
        /** Also for a user that does not exist: a tenant knows nothing of users who are not its members. */
        NOT_A_MEMBER("the user is not a member of the organization"),
        USER_DELETED("the user is deleted"),
        USER_NOT_ACTIVE("the user is not active"),
        MEMBERSHIP_NOT_ACTIVE("the user's membership is not active"),
        FEATURE_NOT_FOUND("the feature does not exist"),
        UNKNOWN_ACTION("the feature has no such action"),
        VIEW_NOT_FOUND("the view does not exist"),
        NOT_ENTITLED("the organization has no enabled, unexpired module containing it"),
        NO_ALLOW_GRANT("no role assigned to the user allows it"),
        DENIED("a role assigned to the user denies it");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        /** A sentence fit for a log line or an admin screen. */
        public String text() {
            return text;
        }
    }

    public Decision {
        Validate.notNull("reason", reason);
        roleId = Validate.present("roleId", roleId);
        viaTeam = Validate.present("viaTeam", viaTeam);
        moduleId = Validate.present("moduleId", moduleId);
        if (allowed != (reason == Reason.ALLOWED)) {
            throw new ValidationException("allowed", "must be true exactly for ALLOWED");
        }
    }

    public static Decision denied(Reason reason) {
        return new Decision(false, reason, Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(allowed ? "ALLOW" : "DENY").append(": ").append(reason.text());
        roleId.ifPresent(r -> b.append(" (role ").append(r).append(viaTeam.map(t -> " via team " + t).orElse("")).append(')'));
        return b.toString();
    }
}
