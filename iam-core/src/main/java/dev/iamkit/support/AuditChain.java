package dev.iamkit.support;

import dev.iamkit.error.ConfigurationException;
import dev.iamkit.model.AuditEvent;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The chain of an organization's audit trail, the same for every store. An event's chained fields
 * are: organization, seq, id, time (epoch microseconds), actor label, action, target type, target
 * id, and SHA-256 digests of the before and after snapshots. The IP address and user agent are
 * left out, so personal data can be erased without breaking the chain.
 *
 * <p>A keyed link (the normal case) is HMAC-SHA-256 under an {@link AuditKeys audit key} of: the
 * key's id, a separator byte {@code 0x1f}, one byte giving the length of the previous link (0 for
 * the first event of the chain, else 32), the previous link, and the chained fields. Without the
 * key nobody can make a link the verifier accepts, even with write access to the store. An
 * unkeyed link, written when no key is configured, is SHA-256 of the previous link followed by
 * the chained fields: anyone who can write an event can compute it, so it only shows accidents.
 */
public final class AuditChain {
    private static final char SEPARATOR = '\u001f';
    private static final HexFormat HEX = HexFormat.of();

    private AuditChain() {
    }

    /** The unkeyed link of {@code event} after {@code previous} (null or empty for the first event). */
    public static byte[] link(byte[] previous, AuditEvent event) {
        MessageDigest sha = sha256();
        if (previous != null) {
            sha.update(previous);
        }
        sha.update(fields(event));
        return sha.digest();
    }

    /** The keyed link of {@code event} after {@code previous} (null for the first event) under key {@code keyId}. */
    static byte[] link(String keyId, SecretKeySpec key, byte[] previous, AuditEvent event) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(keyId.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) SEPARATOR);
            byte[] prev = previous == null ? new byte[0] : previous;
            mac.update((byte) prev.length);
            mac.update(prev);
            mac.update(fields(event));
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("the JDK has no HmacSHA256", e);
        }
    }

    private static byte[] fields(AuditEvent event) {
        String fields = event.orgId().value().toString() + SEPARATOR + Long.toString(event.seq()) + SEPARATOR + event.id().value() + SEPARATOR
                + micros(event.at()) + SEPARATOR + event.actor() + SEPARATOR + event.action() + SEPARATOR + event.targetType()
                + SEPARATOR + event.targetId() + SEPARATOR + digest(event.before().orElse(null)) + SEPARATOR + digest(event.after().orElse(null));
        return fields.getBytes(StandardCharsets.UTF_8);
    }

    private static String digest(String snapshot) {
        return snapshot == null ? "-" : HEX.formatHex(sha256().digest(snapshot.getBytes(StandardCharsets.UTF_8)));
    }

    private static long micros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new ConfigurationException("the JDK has no SHA-256", e);
        }
    }
}
