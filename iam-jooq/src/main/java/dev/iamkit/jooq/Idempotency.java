package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.IDEMPOTENCY_KEY;

import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.StorageException;
import dev.iamkit.model.OrgId;
import dev.iamkit.retry.IdempotencyKey;
import dev.iamkit.support.IdempotentResults;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * The idempotency keys of keyed tenant work (V14), in the work's own transaction, with the tenant
 * set: claimed before the work runs, its result recorded just before commit.
 */
final class Idempotency {
    /** Claims that found a key and then not its row (another process with a clock far ahead deleted it as forgotten) before giving up. */
    private static final int CLAIMS = 3;

    /** What an earlier call with the key kept: the encoded result, or null. */
    record Kept(String text) {
    }

    private Idempotency() {
    }

    /**
     * Claims {@code key} for the running transaction and returns empty; or, when a call that
     * committed it is remembered, returns what that call kept, and the work must not run. A call
     * that holds the key and has not committed yet makes this one wait for its outcome (the
     * primary key's lock): then it finds the key, or claims it after a rollback. A forgotten key is
     * taken over in place.
     */
    static Optional<Kept> claim(DSLContext sql, OrgId org, IdempotencyKey key, Instant now) {
        OffsetDateTime recordedAt = Times.db(IdempotentResults.recordedAt(now));
        for (int i = 0; i < CLAIMS; i++) {
            int claimed;
            try {
                claimed = sql.insertInto(IDEMPOTENCY_KEY)
                        .set(IDEMPOTENCY_KEY.ORG_ID, org.value())
                        .set(IDEMPOTENCY_KEY.KEY_VALUE, key.value())
                        .set(IDEMPOTENCY_KEY.RECORDED_AT, recordedAt)
                        .onConflict(IDEMPOTENCY_KEY.ORG_ID, IDEMPOTENCY_KEY.KEY_VALUE)
                        .doUpdate()
                        .set(IDEMPOTENCY_KEY.RECORDED_AT, DSL.excluded(IDEMPOTENCY_KEY.RECORDED_AT))
                        .setNull(IDEMPOTENCY_KEY.RESULT)
                        // forgotten: recorded at or before forgottenUpTo(now), that is RETENTION or more before
                        // the new claim's time; immutable operators only (Citus refuses a parameter's cast here)
                        .where(DSL.condition("{0} - {1} >= {2}::interval", DSL.excluded(IDEMPOTENCY_KEY.RECORDED_AT),
                                IDEMPOTENCY_KEY.RECORDED_AT, DSL.inline(IdempotencyKey.RETENTION.toMillis() + " milliseconds")))
                        .execute();
            } catch (DataAccessException e) {
                if (TenantChecks.missingOrg(e)) {
                    throw new NotFoundException("organization", org);
                }
                throw e;
            }
            if (claimed == 1) {
                return Optional.empty();
            }
            Optional<Record1<String>> kept = sql.select(IDEMPOTENCY_KEY.RESULT).from(IDEMPOTENCY_KEY)
                    .where(IDEMPOTENCY_KEY.ORG_ID.eq(org.value()), IDEMPOTENCY_KEY.KEY_VALUE.eq(key.value()))
                    .fetchOptional();
            if (kept.isPresent()) {
                return Optional.of(new Kept(kept.get().value1()));
            }
        }
        throw new StorageException(StorageException.Kind.NOT_APPLIED, "idempotency key '" + key + "' kept changing while it was claimed");
    }

    /**
     * Records the work's encoded result with its claimed key, and deletes the organization's
     * forgotten keys, in one round trip.
     */
    static void record(DSLContext sql, OrgId org, IdempotencyKey key, String result, Instant now) {
        OffsetDateTime forgotten = Times.db(IdempotentResults.forgottenUpTo(now));
        sql.batch(
                sql.update(IDEMPOTENCY_KEY).set(IDEMPOTENCY_KEY.RESULT, result)
                        .where(IDEMPOTENCY_KEY.ORG_ID.eq(org.value()), IDEMPOTENCY_KEY.KEY_VALUE.eq(key.value())),
                sql.deleteFrom(IDEMPOTENCY_KEY)
                        .where(IDEMPOTENCY_KEY.ORG_ID.eq(org.value()), IDEMPOTENCY_KEY.RECORDED_AT.le(forgotten)))
                .execute();
    }
}
