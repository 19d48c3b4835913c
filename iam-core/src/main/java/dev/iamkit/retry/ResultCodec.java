package dev.iamkit.retry;

import dev.iamkit.error.ValidationException;
import java.util.function.Function;

/**
 * How the result of idempotent work is kept with its key, so that a repeated call can return it:
 * {@link #encode} turns the result into text when the work commits, {@link #decode} turns the text
 * back for every repeated call. A repeated call returns {@code decode(encode(first result))} in
 * every store, so keep what the caller needs to go on (usually an id) rather than a whole record,
 * whose later state a repeated call would not see anyway.
 */
public interface ResultCodec<R> {

    /** The text kept for {@code result}; null keeps no text, which {@link #decode} then receives. */
    String encode(R result);

    /** The result a repeated call returns, from what {@link #encode} kept (null when it kept none). */
    R decode(String text);

    /** For work that returns nothing worth keeping: keeps no text; a repeated call returns null. */
    static <R> ResultCodec<R> none() {
        return new ResultCodec<>() {
            @Override
            public String encode(R result) {
                return null;
            }

            @Override
            public R decode(String text) {
                return null;
            }
        };
    }

    /** Keeps a text result as it is (null stays null). */
    static ResultCodec<String> text() {
        return of(Function.identity(), Function.identity());
    }

    /**
     * Keeps {@code encode(result)}, or nothing for a null result, and gives {@code decode(text)}
     * back (null for nothing), e.g. {@code ResultCodec.of(RoleId::toString, RoleId::parse)}.
     */
    static <R> ResultCodec<R> of(Function<? super R, String> encode, Function<String, ? extends R> decode) {
        if (encode == null || decode == null) {
            throw new ValidationException("codec", "needs both an encoder and a decoder");
        }
        return new ResultCodec<>() {
            @Override
            public String encode(R result) {
                return result == null ? null : encode.apply(result);
            }

            @Override
            public R decode(String text) {
                return text == null ? null : decode.apply(text);
            }
        };
    }
}
