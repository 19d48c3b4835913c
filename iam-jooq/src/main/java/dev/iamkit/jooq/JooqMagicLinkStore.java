package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.MAGIC_LINK_CHALLENGE;

import dev.iamkit.error.InvalidCredentialsException;
import dev.iamkit.jooq.generated.tables.records.MagicLinkChallengeRecord;
import dev.iamkit.model.IssuedMagicLink;
import dev.iamkit.model.MagicLinkChallenge;
import dev.iamkit.model.MagicLinkId;
import dev.iamkit.model.Validate;
import dev.iamkit.store.MagicLinkStore;
import dev.iamkit.support.MagicLinks;
import dev.iamkit.support.PersonalDataCipher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Challenges in {@code magic_link_challenge}, the token as its SHA-256 digest. Consuming is one
 * conditional UPDATE ... RETURNING: of concurrent consumers the row lock lets one match
 * {@code consumed_at IS NULL}, the others then see it set. The digest is compared in SQL, not in
 * constant time; that leaks nothing useful, since learning a digest's prefix tells nothing about
 * a 256-bit token that hashes to it. With encryption on, the address is stored sealed and its
 * blind index in {@code email} ({@link PersonalDataCipher#seal(MagicLinkChallenge)}).
 */
final class JooqMagicLinkStore implements MagicLinkStore {
    private final Sql sql;
    private final Clock clock;
    private final PersonalDataCipher cipher;

    JooqMagicLinkStore(Sql sql, Clock clock, PersonalDataCipher cipher) {
        this.sql = sql;
        this.clock = clock;
        this.cipher = cipher;
    }

    @Override
    public IssuedMagicLink create(String email, String purpose, Duration ttl) {
        MagicLinks.Issue issue = MagicLinks.issue(email, purpose, ttl, clock);
        PersonalDataCipher.SealedChallenge sealed = cipher.enabled() ? cipher.seal(issue.challenge()) : null;
        MagicLinkChallenge c = sealed == null ? issue.challenge() : sealed.stored();
        sql.autocommit(Scope.IDENTITY, dsl -> dsl.insertInto(MAGIC_LINK_CHALLENGE)
                .set(MAGIC_LINK_CHALLENGE.ID, c.id().value())
                .set(MAGIC_LINK_CHALLENGE.EMAIL, c.email())
                .set(MAGIC_LINK_CHALLENGE.SEALED_EMAIL, sealed == null ? null : sealed.sealedEmail())
                .set(MAGIC_LINK_CHALLENGE.MASTER_KEY_ID, sealed == null ? null : sealed.masterKeyId())
                .set(MAGIC_LINK_CHALLENGE.PURPOSE, c.purpose())
                .set(MAGIC_LINK_CHALLENGE.TOKEN_DIGEST, issue.digest())
                .set(MAGIC_LINK_CHALLENGE.CREATED_AT, Times.db(c.createdAt()))
                .set(MAGIC_LINK_CHALLENGE.EXPIRES_AT, Times.db(c.expiresAt()))
                .execute());
        return issue.issued();
    }

    /** Each statement commits on its own (autocommit), so a counted wrong token stays counted when the call throws. */
    @Override
    public MagicLinkChallenge consume(MagicLinkId id, String token) {
        Validate.notNull("id", id);
        Validate.notNull("token", token);
        byte[] digest = MagicLinks.digest(token);
        Instant now = Validate.instant("consumedAt", clock.instant());
        Object outcome = sql.autocommit(Scope.IDENTITY, dsl -> {
            Condition pending = MAGIC_LINK_CHALLENGE.ID.eq(id.value())
                    .and(MAGIC_LINK_CHALLENGE.CONSUMED_AT.isNull())
                    .and(MAGIC_LINK_CHALLENGE.FAILED_ATTEMPTS.lt(MAX_FAILED_ATTEMPTS))
                    .and(MAGIC_LINK_CHALLENGE.EXPIRES_AT.gt(Times.db(now)));
            Optional<MagicLinkChallengeRecord> consumed = dsl.update(MAGIC_LINK_CHALLENGE)
                    .set(MAGIC_LINK_CHALLENGE.CONSUMED_AT, Times.db(now))
                    .where(pending, MAGIC_LINK_CHALLENGE.TOKEN_DIGEST.eq(digest))
                    .returning()
                    .fetchOptional();
            if (consumed.isPresent()) {
                return consumed.get();   // opened after the commit: a challenge whose address no longer opens is used up all the same
            }
            Optional<Integer> failed = dsl.update(MAGIC_LINK_CHALLENGE)
                    .set(MAGIC_LINK_CHALLENGE.FAILED_ATTEMPTS, MAGIC_LINK_CHALLENGE.FAILED_ATTEMPTS.plus(DSL.inline(1)))
                    .where(pending, MAGIC_LINK_CHALLENGE.TOKEN_DIGEST.ne(digest))
                    .returningResult(MAGIC_LINK_CHALLENGE.FAILED_ATTEMPTS)
                    .fetchOptional(MAGIC_LINK_CHALLENGE.FAILED_ATTEMPTS);
            if (failed.isPresent()) {
                return MagicLinks.wrongToken(failed.get());
            }
            // Neither matched: the challenge is unknown, or no longer pending (perhaps consumed by a racing caller).
            return find(dsl, id).map(JooqMagicLinkStore::stored).<InvalidCredentialsException>map(c -> MagicLinks.unusable(c, now)
                            .orElseGet(() -> new InvalidCredentialsException("the magic link changed while it was used; try again")))
                    .orElseGet(MagicLinks::unknown);
        });
        return MagicLinks.settle(outcome instanceof MagicLinkChallengeRecord r ? challenge(r, cipher) : outcome);
    }

    @Override
    public Optional<MagicLinkChallenge> find(MagicLinkId id) {
        Validate.notNull("id", id);
        return sql.read(Scope.IDENTITY, dsl -> find(dsl, id)).map(r -> challenge(r, cipher));
    }

    private static Optional<MagicLinkChallengeRecord> find(DSLContext dsl, MagicLinkId id) {
        return dsl.selectFrom(MAGIC_LINK_CHALLENGE).where(MAGIC_LINK_CHALLENGE.ID.eq(id.value())).fetchOptional();
    }

    /** The challenge a row holds, its address opened when sealed (V27). */
    static MagicLinkChallenge challenge(Record r, PersonalDataCipher cipher) {
        return cipher.open(stored(r), r.get(MAGIC_LINK_CHALLENGE.MASTER_KEY_ID), r.get(MAGIC_LINK_CHALLENGE.SEALED_EMAIL));
    }

    /** The row as it is stored: for a sealed row, the blind index for the e-mail. */
    private static MagicLinkChallenge stored(Record r) {
        return new MagicLinkChallenge(new MagicLinkId(r.get(MAGIC_LINK_CHALLENGE.ID)), r.get(MAGIC_LINK_CHALLENGE.EMAIL),
                r.get(MAGIC_LINK_CHALLENGE.PURPOSE), Times.api(r.get(MAGIC_LINK_CHALLENGE.CREATED_AT)),
                Times.api(r.get(MAGIC_LINK_CHALLENGE.EXPIRES_AT)), Times.opt(r.get(MAGIC_LINK_CHALLENGE.CONSUMED_AT)),
                r.get(MAGIC_LINK_CHALLENGE.FAILED_ATTEMPTS));
    }
}
