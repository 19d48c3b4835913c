package dev.iamkit.spring;

import dev.iamkit.error.ValidationException;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.UserId;
import java.util.Optional;
import org.springframework.security.core.Authentication;

/**
 * Names the iamkit user, and the organization when a request has one of its own, of a Spring
 * Security {@link Authentication}: what {@link IamPermissionEvaluator} asks about. Declare a bean
 * of this type to replace the default, {@link #byName()}.
 */
public interface IamPrincipalResolver {

    /** The iamkit user {@code authentication} is; empty when it is none (then every check is false). */
    Optional<UserId> user(Authentication authentication);

    /**
     * The organization a check without one of its own is about ({@code hasPermission(null,
     * 'invoices:read')}), e.g. from a claim or the request's host name; empty by default (then
     * such a check is false).
     */
    default Optional<OrgId> organization(Authentication authentication) {
        return Optional.empty();
    }

    /**
     * The default: the principal's name ({@link Authentication#getName()}, a JWT's subject) read as
     * a {@link UserId}; a name that is not a user id names no user.
     */
    static IamPrincipalResolver byName() {
        return authentication -> {
            if (authentication == null || !authentication.isAuthenticated() || authentication.getName() == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(UserId.parse(authentication.getName()));
            } catch (ValidationException e) {
                return Optional.empty();
            }
        };
    }
}
