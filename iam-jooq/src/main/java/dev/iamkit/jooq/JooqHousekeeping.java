package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.MAGIC_LINK_CHALLENGE;
import static dev.iamkit.jooq.generated.Tables.RATE_LIMIT_WINDOW;
import static dev.iamkit.jooq.generated.Tables.USER_SESSION;

import dev.iamkit.model.CleanupReport;
import dev.iamkit.store.Housekeeping;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.jooq.impl.DSL;

/**
 * Three DELETEs in one transaction, each on an index (sessions' refresh tokens go by cascade).
 * Rows another process deletes first are simply not counted here.
 */
final class JooqHousekeeping implements Housekeeping {
    private final Sql sql;
    private final Clock clock;

    JooqHousekeeping(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    @Override
    public CleanupReport cleanup() {
        OffsetDateTime now = Times.db(dev.iamkit.model.Validate.instant("now", clock.instant()));
        return sql.global(Scope.IDENTITY, ctx -> {
            int sessions = ctx.deleteFrom(USER_SESSION)
                    .where(USER_SESSION.EXPIRES_AT.le(now).or(USER_SESSION.REVOKED_AT.isNotNull()))
                    .execute();
            int links = ctx.deleteFrom(MAGIC_LINK_CHALLENGE)
                    .where(MAGIC_LINK_CHALLENGE.EXPIRES_AT.le(now).or(MAGIC_LINK_CHALLENGE.CONSUMED_AT.isNotNull()))
                    .execute();
            int windows = ctx.deleteFrom(RATE_LIMIT_WINDOW)
                    // ended: start + length <= now, written with immutable operators only (timestamptz minus
                    // timestamptz, interval times a number): Citus refuses a stable one (timestamptz plus
                    // interval) called with a column
                    .where(DSL.condition("{0} - {1} >= {2} * interval '1 millisecond'",
                            DSL.val(now), RATE_LIMIT_WINDOW.WINDOW_START, RATE_LIMIT_WINDOW.WINDOW_MS))
                    .execute();
            return new CleanupReport(sessions, links, windows);
        });
    }
}
