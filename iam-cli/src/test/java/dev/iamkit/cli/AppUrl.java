package dev.iamkit.cli;

import dev.iamkit.testkit.PostgresTestDatabase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The test server's URL with the credentials of a login that is only a member of the application
 * role, as an operator would put it in DATABASE_URL for the store's commands (migrations run as the
 * owner, through IAMKIT_MIGRATION_URL).
 */
final class AppUrl {
    static final String LOGIN = "iamkit_cli_app";
    private static final String PASSWORD = "cli";

    private AppUrl() {
    }

    static String of(PostgresTestDatabase pg) {
        pg.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + LOGIN + "') THEN "
                + "CREATE ROLE " + LOGIN + " LOGIN PASSWORD '" + PASSWORD + "'; END IF; "
                + "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'iamkit_app') THEN "
                + "CREATE ROLE iamkit_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT; END IF; END $$");
        pg.execute("GRANT iamkit_app TO " + LOGIN);
        return pg.jdbcUrl() + (pg.jdbcUrl().contains("?") ? "&" : "?") + "user=" + URLEncoder.encode(LOGIN, StandardCharsets.UTF_8)
                + "&password=" + PASSWORD;
    }
}
