package dev.iamkit.model;

import dev.iamkit.error.ValidationException;
import java.util.List;
import java.util.Optional;

/**
 * What checking an organization's audit chain found. Every event read is counted in exactly one
 * of: {@code verified} (its link is right under a key the verifier holds), {@code unkeyed} (its
 * link is the right unkeyed digest: written without a key, or forged by anyone who could write to
 * the store), {@code preChain} (no link: written before the chain existed, e.g. when the link
 * column was rolled back and migrated again; only a run of such events at the start of the trail),
 * {@code unknownKey} (its link was made under a key id the verifier does not hold: the link could
 * not be checked) or {@code broken} (changed, inserted, or after a removed event: the link or the
 * seq is not what the events before it call for).
 *
 * @param firstBrokenSeq the seq of the first broken event; present exactly when {@code broken > 0}
 * @param unknownKeyIds the key ids of the {@code unknownKey} events, sorted
 * @param checkpoint what the checkpoint passed to {@code verify(checkpoint)} showed
 */
public record AuditVerification(
        OrgId orgId,
        long verified,
        long unkeyed,
        long preChain,
        long unknownKey,
        long broken,
        Optional<Long> firstBrokenSeq,
        List<String> unknownKeyIds,
        CheckpointMatch checkpoint) {

    /** What a checkpoint showed about the end of the trail. */
    public enum CheckpointMatch {
        /** No checkpoint was given. */
        NOT_GIVEN,
        /** The trail holds the checkpoint's event with the checkpoint's link (or the checkpoint is of an empty trail). */
        MATCHED,
        /** The trail has no event at the checkpoint's seq: its tail was removed. */
        MISSING,
        /** The event at the checkpoint's seq has another link: it, or the trail up to it, was replaced. */
        DIFFERENT
    }

    public AuditVerification {
        Validate.notNull("orgId", orgId);
        Validate.present("firstBrokenSeq", firstBrokenSeq);
        unknownKeyIds = List.copyOf(Validate.notNull("unknownKeyIds", unknownKeyIds));
        unknownKeyIds.forEach(k -> Validate.string("unknownKeyIds", k));
        Validate.notNull("checkpoint", checkpoint);
        if (verified < 0 || unkeyed < 0 || preChain < 0 || unknownKey < 0 || broken < 0) {
            throw new ValidationException("verified", "counts must not be negative");
        }
        if (firstBrokenSeq.isPresent() != (broken > 0)) {
            throw new ValidationException("firstBrokenSeq", "must be present exactly when an event is broken");
        }
    }

    /** How many events were read: the sum of the five counts. */
    public long events() {
        return verified + unkeyed + preChain + unknownKey + broken;
    }

    /**
     * True only when every event was verified under a key, none is broken, and the checkpoint, if
     * one was given, matched. An empty trail is intact (unless a checkpoint says events are missing).
     */
    public boolean intact() {
        return verified == events() && (checkpoint == CheckpointMatch.NOT_GIVEN || checkpoint == CheckpointMatch.MATCHED);
    }
}
