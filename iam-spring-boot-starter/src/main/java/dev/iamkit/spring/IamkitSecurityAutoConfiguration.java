package dev.iamkit.spring;

import dev.iamkit.IamDatabase;
import dev.iamkit.authz.Consistency;
import java.io.Serializable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.security.access.PermissionEvaluator;
import org.springframework.security.access.expression.method.DefaultMethodSecurityExpressionHandler;
import org.springframework.security.access.expression.method.MethodSecurityExpressionHandler;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.config.core.GrantedAuthorityDefaults;
import org.springframework.security.core.Authentication;

/**
 * {@code @PreAuthorize("hasPermission(#orgId, 'invoices', 'read')")} answered by iamkit: an
 * {@link IamPermissionEvaluator} (unless the application has a {@code PermissionEvaluator}), an
 * {@link IamPrincipalResolver} (unless it has one), and the method-security expression handler
 * that uses the evaluator (unless it has its own handler: then give it the evaluator bean).
 */
@AutoConfiguration(after = IamkitAutoConfiguration.class)
@ConditionalOnClass({PermissionEvaluator.class, GrantedAuthorityDefaults.class})
public class IamkitSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    IamPrincipalResolver iamkitPrincipalResolver() {
        return IamPrincipalResolver.byName();
    }

    @Bean
    @ConditionalOnMissingBean(PermissionEvaluator.class)
    @ConditionalOnBean(IamDatabase.class)
    IamPermissionEvaluator iamkitPermissionEvaluator(IamDatabase db, IamPrincipalResolver principals, IamkitProperties properties) {
        return new IamPermissionEvaluator(db, principals, properties.getConsistency() == IamkitProperties.Consistency.FULL
                ? Consistency.full() : Consistency.minimizeLatency());
    }

    /**
     * Static and lazy: method security asks for its handler while the context is still being
     * made, long before the store should be opened.
     */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    @ConditionalOnMissingBean(MethodSecurityExpressionHandler.class)
    static MethodSecurityExpressionHandler iamkitMethodSecurityExpressionHandler(ObjectProvider<PermissionEvaluator> evaluator,
            ObjectProvider<RoleHierarchy> roles, ObjectProvider<GrantedAuthorityDefaults> defaults, ApplicationContext context) {
        DefaultMethodSecurityExpressionHandler handler = new DefaultMethodSecurityExpressionHandler();
        handler.setPermissionEvaluator(new LazyEvaluator(evaluator));
        roles.ifAvailable(handler::setRoleHierarchy);
        defaults.ifAvailable(d -> handler.setDefaultRolePrefix(d.getRolePrefix()));
        handler.setApplicationContext(context);
        return handler;
    }

    /** The evaluator bean, looked up when a first expression asks. */
    private static final class LazyEvaluator implements PermissionEvaluator {
        private final ObjectProvider<PermissionEvaluator> evaluator;

        LazyEvaluator(ObjectProvider<PermissionEvaluator> evaluator) {
            this.evaluator = evaluator;
        }

        @Override
        public boolean hasPermission(Authentication authentication, Object targetDomainObject, Object permission) {
            return evaluator.getObject().hasPermission(authentication, targetDomainObject, permission);
        }

        @Override
        public boolean hasPermission(Authentication authentication, Serializable targetId, String targetType, Object permission) {
            return evaluator.getObject().hasPermission(authentication, targetId, targetType, permission);
        }
    }
}
