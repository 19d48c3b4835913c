package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.APP_USER;
import static dev.iamkit.jooq.generated.Tables.CONSENT;

import dev.iamkit.error.NotFoundException;
import dev.iamkit.jooq.generated.tables.records.ConsentRecord;
import dev.iamkit.model.Consent;
import dev.iamkit.model.ConsentDecision;
import dev.iamkit.model.ConsentId;
import dev.iamkit.model.NewConsent;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.UserId;
import dev.iamkit.model.Uuid7;
import dev.iamkit.model.Validate;
import dev.iamkit.store.ConsentStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Decisions in {@code consent} (V21), an identity table; the latest of a purpose is the one with the highest id. */
final class JooqConsentStore implements ConsentStore {
    private final Sql sql;
    private final Clock clock;

    JooqConsentStore(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    @Override
    public Consent record(UserId user, NewConsent consent) {
        Validate.notNull("user", user);
        Validate.notNull("consent", consent);
        return sql.global(Scope.IDENTITY, ctx -> {
            // Key share: a purge racing with this insert waits for it (and then removes the decision with the user).
            if (!ctx.fetchExists(ctx.selectOne().from(APP_USER).where(APP_USER.ID.eq(user.value()), APP_USER.DELETED_AT.isNull())
                    .forKeyShare())) {
                throw new NotFoundException("user", user);
            }
            Consent made = new Consent(new ConsentId(Uuid7.next(clock)), user, consent.purpose(), consent.version(), consent.decision(),
                    clock.instant(), consent.source());
            ctx.insertInto(CONSENT).set(new ConsentRecord(made.id().value(), user.value(), made.purpose(), made.version(),
                    made.decision().name(), Times.db(made.at()), made.source())).execute();
            return made;
        });
    }

    @Override
    public List<Consent> current(UserId user) {
        Validate.notNull("user", user);
        return sql.read(Scope.IDENTITY, ctx -> ctx.selectDistinct(CONSENT.fields()).on(CONSENT.PURPOSE).from(CONSENT)
                .where(CONSENT.USER_ID.eq(user.value())).orderBy(CONSENT.PURPOSE, CONSENT.ID.desc())
                .fetch(r -> consent(r.into(CONSENT))));
    }

    @Override
    public Optional<Consent> current(UserId user, String purpose) {
        Validate.notNull("user", user);
        String code = Validate.code("purpose", purpose);
        return sql.read(Scope.IDENTITY, ctx -> ctx.selectFrom(CONSENT).where(CONSENT.USER_ID.eq(user.value()), CONSENT.PURPOSE.eq(code))
                .orderBy(CONSENT.ID.desc()).limit(1).fetchOptional(JooqConsentStore::consent));
    }

    @Override
    public Page<Consent> history(UserId user, PageRequest page) {
        Validate.notNull("user", user);
        Validate.notNull("page", page);
        Optional<UUID> after = page.afterUuid();
        return sql.read(Scope.IDENTITY, ctx -> Page.fromOverfetch(ctx.selectFrom(CONSENT)
                .where(CONSENT.USER_ID.eq(user.value()))
                .and(after.map(CONSENT.ID::lt).orElse(DSL.noCondition()))
                .orderBy(CONSENT.ID.desc())
                .limit(page.limit() + 1)
                .fetch(JooqConsentStore::consent), page.limit(), c -> c.id().toString()));
    }

    /** Every decision of the user, newest first, for the export (in its transaction). */
    static List<Consent> all(DSLContext ctx, UserId user) {
        return ctx.selectFrom(CONSENT).where(CONSENT.USER_ID.eq(user.value())).orderBy(CONSENT.ID.desc()).fetch(JooqConsentStore::consent);
    }

    static Consent consent(ConsentRecord r) {
        return new Consent(new ConsentId(r.getId()), new UserId(r.getUserId()), r.getPurpose(), r.getVersion(),
                ConsentDecision.valueOf(r.getDecision()), Times.api(r.getDecidedAt()), r.getSource());
    }
}
