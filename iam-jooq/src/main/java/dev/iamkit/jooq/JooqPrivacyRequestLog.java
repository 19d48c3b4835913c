package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.PRIVACY_REQUEST;

import dev.iamkit.error.NotFoundException;
import dev.iamkit.jooq.generated.tables.records.PrivacyRequestRecord;
import dev.iamkit.model.NewPrivacyRequest;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.PrivacyRequest;
import dev.iamkit.model.PrivacyRequestId;
import dev.iamkit.model.PrivacyRequestKind;
import dev.iamkit.model.PrivacyRequestStatus;
import dev.iamkit.model.UserId;
import dev.iamkit.model.Uuid7;
import dev.iamkit.model.Validate;
import dev.iamkit.store.PrivacyRequestLog;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The log in {@code privacy_request} (V21), an identity table; a closing locks the entry, so of two closings one wins. */
final class JooqPrivacyRequestLog implements PrivacyRequestLog {
    private final Sql sql;
    private final Clock clock;

    JooqPrivacyRequestLog(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /** Adds an entry (a call's, closed; or one received), in a transaction of its own. */
    void append(PrivacyRequest entry) {
        sql.global(Scope.IDENTITY, ctx -> ctx.insertInto(PRIVACY_REQUEST).set(record(entry)).execute());
    }

    @Override
    public PrivacyRequest receive(NewPrivacyRequest request) {
        Validate.notNull("request", request);
        PrivacyRequest made = PrivacyRequest.received(new PrivacyRequestId(Uuid7.next(clock)), request, clock.instant());
        append(made);
        return made;
    }

    @Override
    public PrivacyRequest complete(PrivacyRequestId id) {
        return close(id, Optional.empty());
    }

    @Override
    public PrivacyRequest reject(PrivacyRequestId id, String reason) {
        return close(id, Optional.of(Validate.code("reason", reason)));
    }

    private PrivacyRequest close(PrivacyRequestId id, Optional<String> rejectedFor) {
        Validate.notNull("id", id);
        return sql.global(Scope.IDENTITY, ctx -> {
            PrivacyRequestRecord r = ctx.selectFrom(PRIVACY_REQUEST).where(PRIVACY_REQUEST.ID.eq(id.value())).forUpdate().fetchOne();
            if (r == null) {
                throw new NotFoundException("privacy request", id);
            }
            PrivacyRequest closed = request(r).closedByHost(rejectedFor, clock.instant());
            ctx.update(PRIVACY_REQUEST).set(PRIVACY_REQUEST.STATUS, closed.status().name())
                    .set(PRIVACY_REQUEST.CLOSED_AT, Times.db(closed.closedAt())).set(PRIVACY_REQUEST.REASON, rejectedFor.orElse(null))
                    .where(PRIVACY_REQUEST.ID.eq(id.value())).execute();
            return closed;
        });
    }

    @Override
    public Optional<PrivacyRequest> find(PrivacyRequestId id) {
        Validate.notNull("id", id);
        return sql.read(Scope.IDENTITY, ctx -> ctx.selectFrom(PRIVACY_REQUEST).where(PRIVACY_REQUEST.ID.eq(id.value()))
                .fetchOptional(JooqPrivacyRequestLog::request));
    }

    @Override
    public Page<PrivacyRequest> forUser(UserId user, PageRequest page) {
        Validate.notNull("user", user);
        return newestFirst(PRIVACY_REQUEST.USER_ID.eq(user.value()), page);
    }

    @Override
    public Page<PrivacyRequest> recent(PageRequest page) {
        return newestFirst(DSL.noCondition(), page);
    }

    private Page<PrivacyRequest> newestFirst(Condition which, PageRequest page) {
        Validate.notNull("page", page);
        Optional<UUID> after = page.afterUuid();
        return sql.read(Scope.IDENTITY, ctx -> Page.fromOverfetch(ctx.selectFrom(PRIVACY_REQUEST)
                .where(which)
                .and(after.map(PRIVACY_REQUEST.ID::lt).orElse(DSL.noCondition()))
                .orderBy(PRIVACY_REQUEST.ID.desc())
                .limit(page.limit() + 1)
                .fetch(JooqPrivacyRequestLog::request), page.limit(), r -> r.id().toString()));
    }

    /** The user's entries, newest first, for the export (in its transaction). */
    static List<PrivacyRequest> all(DSLContext ctx, UserId user) {
        return ctx.selectFrom(PRIVACY_REQUEST).where(PRIVACY_REQUEST.USER_ID.eq(user.value())).orderBy(PRIVACY_REQUEST.ID.desc())
                .fetch(JooqPrivacyRequestLog::request);
    }

    private static PrivacyRequestRecord record(PrivacyRequest p) {
        return new PrivacyRequestRecord(p.id().value(), p.kind().name(), p.userId().map(UserId::value).orElse(null), p.channel(),
                p.status().name(), Times.db(p.receivedAt()), Times.db(p.closedAt()), p.reason().orElse(null), p.purged().orElse(null));
    }

    private static PrivacyRequest request(PrivacyRequestRecord r) {
        return new PrivacyRequest(new PrivacyRequestId(r.getId()), PrivacyRequestKind.valueOf(r.getKind()),
                Optional.ofNullable(r.getUserId()).map(UserId::new), r.getChannel(), PrivacyRequestStatus.valueOf(r.getStatus()),
                Times.api(r.getReceivedAt()), Times.opt(r.getClosedAt()), Optional.ofNullable(r.getReason()), Optional.ofNullable(r.getPurged()));
    }
}
