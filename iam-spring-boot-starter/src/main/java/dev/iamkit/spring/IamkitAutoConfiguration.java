package dev.iamkit.spring;

import dev.iamkit.IamDatabase;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The store as an {@link IamDatabase} bean: PostgreSQL over the application's {@code DataSource}
 * (joining its Spring-managed transactions), or in memory when there is none; iamkit's
 * migrations first; and converters of the typed ids. Names of other auto-configurations are
 * given as text so that one class serves Spring Boot 4 and 3.5, whose packages differ.
 */
@AutoConfiguration(
        afterName = {"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration"},
        beforeName = {"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
                "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration"})
@EnableConfigurationProperties(IamkitProperties.class)
public class IamkitAutoConfiguration {

    @Bean
    @ConditionalOnProperty(name = "iamkit.migrations.enabled", matchIfMissing = true)
    IamMigrationsInitializer iamkitMigrations(IamkitProperties properties, ObjectProvider<DataSource> dataSource) {
        return new IamMigrationsInitializer(properties, dataSource.getIfUnique());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    IamDatabase iamDatabase(IamkitProperties properties, ObjectProvider<DataSource> dataSource,
                            ObjectProvider<IamMigrationsInitializer> migrations, ObjectProvider<IamDatabaseDecorator> decorators) {
        migrations.ifAvailable(migrated -> { });   // the schema is migrated before the store checks it
        IamDatabase store = IamStores.open(properties, dataSource.getIfUnique());
        try {
            IamDatabase db = store;
            for (IamDatabaseDecorator d : decorators.orderedStream().toList()) {
                db = d.decorate(db);
            }
            return db;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    @Bean
    @ConditionalOnMissingBean
    IamIdConverter iamkitIdConverter() {
        return new IamIdConverter();
    }
}
