package dev.iamkit.spring;

import dev.iamkit.IamDatabase;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The health component {@code iamkit} ({@code management.health.iamkit.enabled=false} leaves it
 * out), with Spring Boot 4's health types or, on Spring Boot 3.5, with its actuator's.
 */
@AutoConfiguration(after = IamkitAutoConfiguration.class)
@ConditionalOnBean(IamDatabase.class)
@ConditionalOnProperty(name = "management.health.iamkit.enabled", matchIfMissing = true)
public class IamkitHealthAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class Boot4 {
        @Bean
        @ConditionalOnMissingBean(name = "iamkitHealthIndicator")
        IamHealthIndicator iamkitHealthIndicator(IamDatabase db) {
            return new IamHealthIndicator(db);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    @ConditionalOnMissingClass("org.springframework.boot.health.contributor.HealthIndicator")
    static class Boot3 {
        @Bean
        @ConditionalOnMissingBean(name = "iamkitHealthIndicator")
        Boot3HealthIndicator iamkitHealthIndicator(IamDatabase db) {
            return new Boot3HealthIndicator(db);
        }
    }
}
