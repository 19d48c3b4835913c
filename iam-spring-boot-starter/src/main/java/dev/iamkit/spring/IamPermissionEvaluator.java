package dev.iamkit.spring;

import dev.iamkit.IamDatabase;
import dev.iamkit.authz.Consistency;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.UserId;
import dev.iamkit.model.Validate;
import java.io.Serializable;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.PermissionEvaluator;
import org.springframework.security.core.Authentication;

/**
 * Answers Spring Security's {@code hasPermission} with iamkit checks by feature code:
 * <ul>
 *   <li>{@code hasPermission(#orgId, 'invoices', 'read')}: in organization {@code #orgId}, may the
 *       current user {@code read} feature {@code invoices};</li>
 *   <li>{@code hasPermission(#orgId, 'invoices:read')}: the same, as one string;</li>
 *   <li>{@code hasPermission(null, 'invoices:read')}: in the organization
 *       {@link IamPrincipalResolver#organization} names.</li>
 * </ul>
 * The organization may be an {@link OrgId}, a {@link UUID} or its text. The user is
 * {@link IamPrincipalResolver#user}'s. No user, no organization, or organization text that is not
 * an id: false (403). A well-formed feature code that names no feature: false. A malformed code or
 * action, or an organization of another type, is a mistake in the expression and throws
 * {@link ValidationException}.
 */
public final class IamPermissionEvaluator implements PermissionEvaluator {
    private static final Logger LOG = LoggerFactory.getLogger(IamPermissionEvaluator.class);
    private final IamDatabase db;
    private final IamPrincipalResolver principals;
    private final Consistency consistency;

    public IamPermissionEvaluator(IamDatabase db, IamPrincipalResolver principals, Consistency consistency) {
        this.db = Validate.notNull("db", db);
        this.principals = Validate.notNull("principals", principals);
        this.consistency = Validate.notNull("consistency", consistency);
    }

    /** {@code hasPermission(org, 'feature:action')}, or with a null org the resolver's. */
    @Override
    public boolean hasPermission(Authentication authentication, Object targetDomainObject, Object permission) {
        String p = text("permission", permission);
        int colon = p.lastIndexOf(':');
        if (colon < 0) {
            throw new ValidationException("permission", "must be 'feature:action' when no feature is named apart, e.g. 'invoices:read'");
        }
        return check(authentication, targetDomainObject, p.substring(0, colon), p.substring(colon + 1));
    }

    /** {@code hasPermission(org, 'feature', 'action')}. */
    @Override
    public boolean hasPermission(Authentication authentication, Serializable targetId, String targetType, Object permission) {
        return check(authentication, targetId, text("targetType", targetType), text("permission", permission));
    }

    private boolean check(Authentication authentication, Object target, String featureCode, String action) {
        Optional<UserId> user = principals.user(authentication);
        Optional<OrgId> org = target == null ? principals.organization(authentication) : organization(target);
        if (user.isEmpty() || org.isEmpty()) {
            LOG.debug("iamkit: hasPermission({}, {}:{}) denied: {}", target, featureCode, action, user.isEmpty() ? "no user" : "no organization");
            return false;
        }
        return db.tenant(org.get()).authz(consistency).check(user.get(), featureCode, action);
    }

    private static Optional<OrgId> organization(Object target) {
        return switch (target) {
            case OrgId id -> Optional.of(id);
            case UUID uuid -> Optional.of(OrgId.of(uuid));
            case CharSequence text -> {
                try {
                    yield Optional.of(OrgId.parse(text.toString()));
                } catch (ValidationException e) {
                    yield Optional.empty();   // a request's text that names no organization: denied, not an error
                }
            }
            default -> throw new ValidationException("targetId", "must be an OrgId, a UUID or its text, not a " + target.getClass().getName());
        };
    }

    private static String text(String field, Object value) {
        if (value instanceof CharSequence s) {
            return s.toString();
        }
        throw new ValidationException(field, "must be text, e.g. 'read'");
    }
}
