package dev.iamkit.model;

import dev.iamkit.error.ValidationException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The head of one organization's audit chain at a moment: the seq of its newest event and that
 * event's link (lower-case hex). Keep it somewhere the store's users cannot write (another system,
 * a signed log, a ticket); {@code audit().verify(checkpoint)} then also finds events removed from
 * the end of the trail, which the chain alone cannot show. An empty trail's checkpoint has seq 0
 * and no link; so has a newest event that predates the chain.
 *
 * <p>Its text form, {@link #text()}, is stable and read back by {@link #parse(String)}:
 * {@code iamkit-audit-v1:<organization id>:<seq>:<link hex, or - when there is none>}.
 */
public record AuditCheckpoint(OrgId orgId, long seq, Optional<String> link) {
    private static final String PREFIX = "iamkit-audit-v1";
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public AuditCheckpoint {
        Validate.notNull("orgId", orgId);
        Validate.present("link", link);
        if (seq < 0) {
            throw new ValidationException("seq", "must not be negative");
        }
        link = link.map(l -> l.toLowerCase(Locale.ROOT));
        if (link.isPresent() && !HEX.matcher(link.get()).matches()) {
            throw new ValidationException("link", "must be 64 hexadecimal digits (a 32-byte link)");
        }
        if (seq == 0 && link.isPresent()) {
            throw new ValidationException("link", "must be empty at seq 0 (an empty trail)");
        }
    }

    /**
     * Reads the text form.
     *
     * @throws ValidationException on {@code checkpoint} when the text is not one
     */
    public static AuditCheckpoint parse(String text) {
        Validate.notNull("checkpoint", text);
        String[] parts = text.strip().split(":", -1);
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            throw new ValidationException("checkpoint", "must read " + PREFIX + ":<organization id>:<seq>:<link hex or ->");
        }
        try {
            long seq = Long.parseLong(parts[2]);
            return new AuditCheckpoint(OrgId.parse(parts[1]), seq, parts[3].equals("-") ? Optional.empty() : Optional.of(parts[3]));
        } catch (NumberFormatException | ValidationException e) {
            throw new ValidationException("checkpoint", "is malformed: " + e.getMessage());
        }
    }

    /** The stable text form, {@code iamkit-audit-v1:<organization id>:<seq>:<link hex or ->}. */
    public String text() {
        return PREFIX + ":" + orgId + ":" + seq + ":" + link.orElse("-");
    }

    /** The text form. */
    @Override
    public String toString() {
        return text();
    }
}
