package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.CATALOG_VIEW;
import static dev.iamkit.jooq.generated.Tables.MEMBERSHIP;
import static dev.iamkit.jooq.generated.Tables.TRAIL_ENTRY;

import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.StorageException;
import dev.iamkit.model.TrailEntry;
import dev.iamkit.model.UserId;
import dev.iamkit.model.Validate;
import dev.iamkit.model.ViewId;
import dev.iamkit.store.Trail;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.Record2;
import org.jooq.impl.DSL;

/**
 * Each member's trail as rows of {@code trail_entry}, ordered by {@code seq} (one more than the
 * user's largest at each visit). Recording a visit is one statement and one round trip: the upsert
 * of the entry and the trimming of the user's trail to {@link #CAPACITY}, in data-modifying CTEs.
 * Only when it records nothing does a second query tell which reference is missing.
 */
final class JooqTrail implements Trail {
    private final TenantContext ctx;

    JooqTrail(TenantContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public TrailEntry record(UserId user, ViewId view) {
        Validate.notNull("user", user);
        Validate.notNull("view", view);
        UUID org = ctx.org.value();
        UUID u = user.value();
        UUID v = view.value();
        Instant now = Validate.instant("visitedAt", ctx.now());
        return ctx.writeUnaudited(sql -> {
            var next = DSL.coalesce(DSL.field(DSL.select(DSL.max(TRAIL_ENTRY.SEQ)).from(TRAIL_ENTRY).where(own(u))), DSL.inline(0L))
                    .plus(DSL.inline(1L));
            // The membership and the view are joined in, so a missing one records nothing (and is then reported).
            CommonTableExpression<?> visit = DSL.name("visit").as(DSL.insertInto(TRAIL_ENTRY,
                            TRAIL_ENTRY.ORG_ID, TRAIL_ENTRY.USER_ID, TRAIL_ENTRY.VIEW_ID, TRAIL_ENTRY.VISITED_AT, TRAIL_ENTRY.SEQ)
                    .select(DSL.select(MEMBERSHIP.ORG_ID, MEMBERSHIP.USER_ID, CATALOG_VIEW.ID, DSL.val(Times.db(now)), next)
                            .from(MEMBERSHIP).crossJoin(CATALOG_VIEW)
                            .where(MEMBERSHIP.ORG_ID.eq(org), MEMBERSHIP.USER_ID.eq(u), CATALOG_VIEW.ID.eq(v)))
                    .onConflict(TRAIL_ENTRY.ORG_ID, TRAIL_ENTRY.USER_ID, TRAIL_ENTRY.VIEW_ID)
                    .doUpdate()
                    .set(TRAIL_ENTRY.VISITED_AT, DSL.excluded(TRAIL_ENTRY.VISITED_AT))
                    .set(TRAIL_ENTRY.SEQ, DSL.excluded(TRAIL_ENTRY.SEQ))
                    .returningResult(TRAIL_ENTRY.VIEW_ID));
            // Every CTE reads the trail as it was before the statement: keep the newest CAPACITY - 1
            // other entries, next to the one the upsert writes (which the delete never touches).
            var kept = TRAIL_ENTRY.as("kept");
            CommonTableExpression<?> trimmed = DSL.name("trimmed").as(DSL.deleteFrom(TRAIL_ENTRY)
                    .where(own(u), TRAIL_ENTRY.VIEW_ID.ne(v), DSL.exists(DSL.selectOne().from(visit)),
                            TRAIL_ENTRY.VIEW_ID.notIn(DSL.select(kept.VIEW_ID).from(kept)
                                    .where(kept.ORG_ID.eq(org), kept.USER_ID.eq(u), kept.VIEW_ID.ne(v))
                                    .orderBy(kept.SEQ.desc(), kept.VIEW_ID)
                                    .limit(DSL.inline(CAPACITY - 1))))
                    .returningResult(TRAIL_ENTRY.VIEW_ID));
            // A data-modifying CTE runs to completion whether or not the query reads it.
            boolean recorded = sql.with(visit).with(trimmed).selectOne().from(visit).fetchOptional().isPresent();
            if (!recorded) {
                Record2<Boolean, Boolean> found = sql.select(
                                DSL.field(DSL.exists(DSL.selectOne().from(MEMBERSHIP).where(MEMBERSHIP.ORG_ID.eq(org), MEMBERSHIP.USER_ID.eq(u)))),
                                DSL.field(DSL.exists(DSL.selectOne().from(CATALOG_VIEW).where(CATALOG_VIEW.ID.eq(v)))))
                        .fetchSingle();
                if (!found.value1()) {
                    throw new NotFoundException("membership", user);
                }
                if (!found.value2()) {
                    throw new NotFoundException("view", view);
                }
                throw new StorageException("the visit was not recorded while its membership or view changed; try again", true);
            }
            return new TrailEntry(ctx.org, user, view, now);
        });
    }

    @Override
    public List<TrailEntry> recent(UserId user, int limit) {
        Validate.notNull("user", user);
        Validate.range("limit", limit, 1, 1000);
        return ctx.read(sql -> sql.select(TRAIL_ENTRY.VIEW_ID, TRAIL_ENTRY.VISITED_AT)
                .from(TRAIL_ENTRY)
                .where(own(user.value()))
                .orderBy(TRAIL_ENTRY.SEQ.desc(), TRAIL_ENTRY.VIEW_ID)
                .limit(Math.min(limit, CAPACITY))
                .fetch(r -> new TrailEntry(ctx.org, user, new ViewId(r.value1()), Times.api(r.value2()))));
    }

    private Condition own(UUID user) {
        return TRAIL_ENTRY.ORG_ID.eq(ctx.org.value()).and(TRAIL_ENTRY.USER_ID.eq(user));
    }
}
