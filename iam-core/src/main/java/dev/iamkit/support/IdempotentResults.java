package dev.iamkit.support;

import dev.iamkit.TenantWork;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.Actor;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Validate;
import dev.iamkit.retry.IdempotencyKey;
import dev.iamkit.retry.ResultCodec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The rules both stores apply to idempotency keys and the results kept with them, so they keep and forget the same ones. */
public final class IdempotentResults {
    /** The longest encoded result kept, in characters. */
    public static final int MAX_LENGTH = 1_000_000;

    private IdempotentResults() {
    }

    /** Refuses a missing argument of keyed tenant work, naming it, in the order every store checks them. */
    public static void requireArguments(OrgId org, Actor actor, IdempotencyKey key, ResultCodec<?> codec, TenantWork<?> work) {
        Validate.notNull("orgId", org);
        Validate.notNull("actor", actor);
        Validate.notNull("idempotencyKey", key);
        Validate.notNull("codec", codec);
        Validate.notNull("work", work);
    }

    /**
     * {@code codec.encode(result)}, refused with a {@code ValidationException} on {@code result}
     * when PostgreSQL could not keep it as given (a NUL character, a lone surrogate) or it is
     * longer than {@link #MAX_LENGTH}.
     */
    public static <R> String encode(ResultCodec<R> codec, R result) {
        String text = codec.encode(result);
        if (text == null) {
            return null;
        }
        if (text.length() > MAX_LENGTH) {
            throw new ValidationException("result", "the encoded result is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                throw new ValidationException("result", "the encoded result contains a NUL character");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new ValidationException("result", "the encoded result is not well-formed text (a lone surrogate character)");
            }
        }
        return text;
    }

    /** When a key recorded now is kept as recorded: microseconds, as PostgreSQL keeps a timestamp. */
    public static Instant recordedAt(Instant now) {
        return now.truncatedTo(ChronoUnit.MICROS);
    }

    /** Keys recorded at or before this instant are forgotten at {@code now}. */
    public static Instant forgottenUpTo(Instant now) {
        return recordedAt(now).minus(IdempotencyKey.RETENTION);
    }

    /** Whether a key recorded at {@code recordedAt} is still remembered at {@code now}. */
    public static boolean remembered(Instant recordedAt, Instant now) {
        return recordedAt.isAfter(forgottenUpTo(now));
    }
}
