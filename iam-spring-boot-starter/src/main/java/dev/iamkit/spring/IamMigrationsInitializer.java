package dev.iamkit.spring;

import dev.iamkit.error.ConfigurationException;
import dev.iamkit.migrations.IamMigrations;
import dev.iamkit.migrations.MigrationException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.beans.factory.InitializingBean;

/**
 * Runs iamkit's migrations when the context starts, on PostgreSQL, as the schema's owner: the
 * login of {@code iamkit.migrations.url}/{@code username}/{@code password} (the URL defaulting
 * to the application's), or without them the application's data source. Its own Flyway history
 * table lives in iamkit's schema. Spring Boot runs it before the application's own Flyway
 * ({@link IamMigrationsDetector}); the store is opened after it.
 */
final class IamMigrationsInitializer implements InitializingBean {
    private final IamkitProperties properties;
    private final DataSource application;

    IamMigrationsInitializer(IamkitProperties properties, DataSource application) {
        this.properties = properties;
        this.application = application;
    }

    @Override
    public void afterPropertiesSet() {
        if (!IamStores.postgres(properties, application)) {
            return;
        }
        DataSource owner = owner();
        try {
            IamMigrations.of(owner, properties.getSchema(), properties.getAppRole()).migrate();
        } catch (MigrationException | IllegalArgumentException e) {
            throw new ConfigurationException("iamkit could not migrate schema " + properties.getSchema() + " (" + e.getMessage() + "). Its"
                    + " migrations run as the schema's owner: set iamkit.migrations.username and iamkit.migrations.password (and"
                    + " iamkit.migrations.url if the database differs) to that login, or set iamkit.migrations.enabled=false and run"
                    + " `iam migrate` as the owner when you deploy", e);
        }
    }

    /** The owner's data source: the properties' login, or the application's data source when none is named. */
    private DataSource owner() {
        IamkitProperties.Migrations m = properties.getMigrations();
        if (blank(m.getUrl()) && blank(m.getUsername())) {
            return IamStores.target(application);
        }
        PGSimpleDataSource owner = new PGSimpleDataSource();
        owner.setURL(blank(m.getUrl()) ? applicationUrl() : m.getUrl());
        if (!blank(m.getUsername())) {
            owner.setUser(m.getUsername());
        }
        if (m.getPassword() != null) {
            owner.setPassword(m.getPassword());
        }
        return owner;
    }

    private String applicationUrl() {
        try (Connection c = IamStores.target(application).getConnection()) {
            return c.getMetaData().getURL();
        } catch (SQLException e) {
            throw new ConfigurationException("iamkit.migrations.username is set without iamkit.migrations.url, and the application's"
                    + " DataSource does not tell its URL: " + e.getMessage(), e);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
