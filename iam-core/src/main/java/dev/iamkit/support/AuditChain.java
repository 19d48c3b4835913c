package dev.iamkit.support;

import dev.iamkit.model.AuditEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The hash chain of an organization's audit trail, the same for every store: each event's link is
 * SHA-256 of the previous link (nothing for the first event) followed by the event's chained
 * fields — organization, seq, id, time (epoch microseconds), actor label, action, target type,
 * target id, and SHA-256 digests of the before and after snapshots. The IP address and user agent
 * are left out, so personal data can be erased without breaking the chain.
 */
public final class AuditChain {
    private static final char SEPARATOR = '\u001f';
    private static final HexFormat HEX = HexFormat.of();

    private AuditChain() {
    }

    /** The link of {@code event} after {@code previous} (null or empty for the first event). */
    public static byte[] link(byte[] previous, AuditEvent event) {
        MessageDigest sha = sha256();
        if (previous != null) {
            sha.update(previous);
        }
        String fields = event.orgId().value().toString() + SEPARATOR + Long.toString(event.seq()) + SEPARATOR + event.id().value() + SEPARATOR
                + micros(event.at()) + SEPARATOR + event.actor() + SEPARATOR + event.action() + SEPARATOR + event.targetType()
                + SEPARATOR + event.targetId() + SEPARATOR + digest(event.before().orElse(null)) + SEPARATOR + digest(event.after().orElse(null));
        sha.update(fields.getBytes(StandardCharsets.UTF_8));
        return sha.digest();
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
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
