package dev.iamkit.spring;

import dev.iamkit.IamDatabase;
import dev.iamkit.micrometer.IamMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * iamkit's Micrometer meters ({@link IamMetrics}), when the application has Micrometer: the
 * {@code IamDatabase} bean is the measured store, and its {@link IamMetrics} a {@code MeterBinder}
 * bean that Spring Boot binds to its registry. Pool figures are HikariCP's own, which Spring Boot
 * publishes for its pool ({@code hikaricp.connections.*}); iamkit adds none.
 */
@AutoConfiguration(after = IamkitAutoConfiguration.class)
@ConditionalOnClass({MeterRegistry.class, IamMetrics.class})
public class IamkitMetricsAutoConfiguration {

    @Bean
    IamDatabaseDecorator iamkitMeasuredStore() {
        return db -> IamMetrics.of(db).database();
    }

    @Bean
    @ConditionalOnBean(IamDatabase.class)
    IamMetrics iamkitMetrics(IamDatabase db) {
        return IamMetrics.of(db);
    }
}
