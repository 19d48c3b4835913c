package dev.iamkit.support;

import dev.iamkit.error.TenantMismatchException;
import dev.iamkit.model.AuditCheckpoint;
import dev.iamkit.model.AuditEvent;
import dev.iamkit.model.AuditVerification;
import dev.iamkit.model.AuditVerification.CheckpointMatch;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Validate;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Checks one organization's audit chain as a store reads it, so both stores judge events alike.
 * Feed it every event in seq order with the link and key id stored beside it, then take the
 * {@link #result()}.
 *
 * <p>Each event is checked against the stored link of the event before it (what the store chained
 * it to when it appended it), so one changed event is reported alone and the events after it
 * still verify; a removed event shows as a gap in seq and breaks the event after it.
 */
public final class AuditVerifier {
    private final OrgId org;
    private final AuditKeys keys;
    private final Optional<AuditCheckpoint> checkpoint;
    private final TreeSet<String> unknownKeyIds = new TreeSet<>();
    private long verified;
    private long unkeyed;
    private long preChain;
    private long unknownKey;
    private long broken;
    private Long firstBroken;
    private long lastSeq;
    private byte[] previous;
    private boolean chained;
    private CheckpointMatch match;

    /**
     * @param checkpoint a checkpoint of the same organization, whose event must still be there
     * @throws TenantMismatchException when the checkpoint belongs to another organization
     */
    public AuditVerifier(OrgId org, AuditKeys keys, Optional<AuditCheckpoint> checkpoint) {
        this.org = Validate.notNull("orgId", org);
        this.keys = Validate.notNull("keys", keys);
        this.checkpoint = Validate.present("checkpoint", checkpoint);
        checkpoint.ifPresent(c -> {
            if (!c.orgId().equals(org)) {
                throw new TenantMismatchException(org, c.orgId());
            }
        });
        this.match = checkpoint.isEmpty() ? CheckpointMatch.NOT_GIVEN
                : checkpoint.get().seq() == 0 ? CheckpointMatch.MATCHED : CheckpointMatch.MISSING;
    }

    /**
     * The next event (seq order) with its stored link (null if none) and key id (null if unkeyed).
     */
    public void accept(AuditEvent event, byte[] link, String keyId) {
        boolean gap = event.seq() != lastSeq + 1;
        lastSeq = event.seq();
        judge(event, link, keyId, gap);
        previous = link;
        checkpoint.filter(c -> c.seq() == event.seq()).ifPresent(c -> match = c.link()
                .map(HexFormat.of()::parseHex)
                .map(expected -> link != null && MessageDigest.isEqual(expected, link))
                .orElse(link == null) ? CheckpointMatch.MATCHED : CheckpointMatch.DIFFERENT);
    }

    private void judge(AuditEvent event, byte[] link, String keyId, boolean gap) {
        if (link == null) {
            if (gap || chained || keyId != null) {
                broke(event);
            } else {
                preChain++;
            }
            return;
        }
        chained = true;
        if (gap) {
            broke(event);
        } else if (keyId == null) {
            if (MessageDigest.isEqual(AuditChain.link(previous, event), link)) {
                unkeyed++;
            } else if (keys.anyMade(previous, event, link)) {
                verified++;   // a keyed link whose key id was lost (the column rolled back): the MAC covers the id
            } else {
                broke(event);
            }
        } else {
            Optional<byte[]> expected = keys.link(keyId, previous, event);
            if (expected.isEmpty()) {
                unknownKey++;
                unknownKeyIds.add(keyId);
            } else if (MessageDigest.isEqual(expected.get(), link)) {
                verified++;
            } else {
                broke(event);
            }
        }
    }

    private void broke(AuditEvent event) {
        broken++;
        if (firstBroken == null) {
            firstBroken = event.seq();
        }
    }

    /** What the events fed so far show. */
    public AuditVerification result() {
        return new AuditVerification(org, verified, unkeyed, preChain, unknownKey, broken, Optional.ofNullable(firstBroken),
                unknownKeyIds.stream().toList(), match);
    }
}
