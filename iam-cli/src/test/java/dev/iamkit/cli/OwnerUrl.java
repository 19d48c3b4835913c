package dev.iamkit.cli;

import dev.iamkit.testkit.PostgresTestDatabase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The test server's URL with its (owner) credentials, as an operator would put it in DATABASE_URL. */
final class OwnerUrl {
    private OwnerUrl() {
    }

    static String of(PostgresTestDatabase pg) {
        return pg.jdbcUrl() + (pg.jdbcUrl().contains("?") ? "&" : "?") + "user=" + URLEncoder.encode(pg.user(), StandardCharsets.UTF_8)
                + (pg.password().isEmpty() ? "" : "&password=" + URLEncoder.encode(pg.password(), StandardCharsets.UTF_8));
    }
}
