package dev.iamkit.spring;

import java.util.Set;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

/**
 * Tells Spring Boot that {@link IamMigrationsInitializer} initializes the database, ahead of the
 * detectors of Flyway (orders 0 and 1): Spring Boot makes every later initializer (the
 * application's Flyway) and every bean that depends on initialization wait for it.
 */
final class IamMigrationsDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {
    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(IamMigrationsInitializer.class);
    }

    @Override
    public int getOrder() {
        return -10;
    }
}
