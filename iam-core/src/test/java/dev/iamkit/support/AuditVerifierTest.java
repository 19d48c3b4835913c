package dev.iamkit.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.error.TenantMismatchException;
import dev.iamkit.model.AuditCheckpoint;
import dev.iamkit.model.AuditEvent;
import dev.iamkit.model.AuditEventId;
import dev.iamkit.model.AuditVerification;
import dev.iamkit.model.AuditVerification.CheckpointMatch;
import dev.iamkit.model.OrgId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The judgement of single events, on trails built by hand (the stores' contract tests cover what stores write). */
class AuditVerifierTest {
    private static final OrgId ORG = new OrgId(UUID.fromString("01890000-0000-7000-8000-000000000001"));
    private static final AuditKeys K1 = AuditKeys.signingWith("k1", new byte[32]);

    private record Stored(AuditEvent event, byte[] link, String keyId) {
    }

    private static AuditEvent event(long seq) {
        return new AuditEvent(new AuditEventId(new UUID(1, seq)), ORG, seq, Instant.parse("2030-01-01T00:00:00Z").plusSeconds(seq), "system",
                "team.create", "team", "t" + seq, Optional.empty(), Optional.of("{}"), Optional.empty(), Optional.empty());
    }

    /** Events 1 to {@code count}, the first {@code unlinked} of them without a link, the rest signed by {@code keys} as a store would. */
    private static List<Stored> trail(AuditKeys keys, int count, int unlinked) {
        List<Stored> out = new ArrayList<>();
        byte[] previous = null;
        for (int seq = 1; seq <= count; seq++) {
            AuditEvent e = event(seq);
            byte[] link = seq <= unlinked ? null : keys.sign(previous, e);
            out.add(new Stored(e, link, link == null ? null : keys.signingKeyId().orElse(null)));
            previous = link;
        }
        return out;
    }

    private static AuditVerification verify(List<Stored> trail, Optional<AuditCheckpoint> checkpoint) {
        AuditVerifier v = new AuditVerifier(ORG, K1, checkpoint);
        trail.forEach(s -> v.accept(s.event(), s.link(), s.keyId()));
        return v.result();
    }

    @Test
    void aKeyedTrailIsIntact() {
        AuditVerification v = verify(trail(K1, 4, 0), Optional.empty());
        assertThat(v.verified()).isEqualTo(4);
        assertThat(v.intact()).isTrue();
    }

    @Test
    void onlyARunOfUnlinkedEventsAtTheStartPredatesTheChain() {
        List<Stored> t = trail(K1, 5, 2);
        assertThat(verify(t, Optional.empty())).satisfies(v -> {
            assertThat(v.preChain()).isEqualTo(2);
            assertThat(v.verified()).isEqualTo(3);
            assertThat(v.intact()).isFalse();
        });
        t.set(3, new Stored(t.get(3).event(), null, null));   // a link removed after the chain began
        assertThat(verify(t, Optional.empty())).satisfies(v -> {
            assertThat(v.preChain()).isEqualTo(2);
            assertThat(v.firstBrokenSeq()).contains(4L);
            assertThat(v.broken()).isEqualTo(2);   // and the next event no longer follows its predecessor
        });
    }

    @Test
    void aGapInSeqBreaksTheEventAfterItEvenBeforeTheChain() {
        List<Stored> t = trail(K1, 4, 4);
        t.remove(1);
        AuditVerification v = verify(t, Optional.empty());
        assertThat(v.firstBrokenSeq()).contains(3L);
        assertThat(v.preChain()).isEqualTo(2);
    }

    @Test
    void aKeyedLinkWhoseKeyIdWasLostStillVerifiesUnderTheKeyThatMadeIt() {
        List<Stored> t = new ArrayList<>(trail(K1, 3, 0).stream().map(s -> new Stored(s.event(), s.link(), null)).toList());
        AuditVerification v = verify(t, Optional.empty());
        assertThat(v.verified()).isEqualTo(3);
        assertThat(v.unkeyed()).isZero();
    }

    @Test
    void theCheckpointIsComparedWithTheEventAtItsSeq() {
        List<Stored> t = trail(K1, 3, 0);
        String second = HexFormat.of().formatHex(t.get(1).link());
        assertThat(verify(t, Optional.of(new AuditCheckpoint(ORG, 2, Optional.of(second)))).checkpoint()).isEqualTo(CheckpointMatch.MATCHED);
        assertThat(verify(t, Optional.of(new AuditCheckpoint(ORG, 3, Optional.of(second)))).checkpoint()).isEqualTo(CheckpointMatch.DIFFERENT);
        assertThat(verify(t, Optional.of(new AuditCheckpoint(ORG, 2, Optional.empty())))).satisfies(v -> {
            assertThat(v.checkpoint()).isEqualTo(CheckpointMatch.DIFFERENT);
            assertThat(v.intact()).isFalse();
        });
        assertThat(verify(t, Optional.of(new AuditCheckpoint(ORG, 9, Optional.of(second)))).checkpoint()).isEqualTo(CheckpointMatch.MISSING);
        assertThat(verify(List.of(), Optional.of(new AuditCheckpoint(ORG, 0, Optional.empty()))).intact()).isTrue();
    }

    @Test
    void aCheckpointOfAnotherOrganizationIsRefused() {
        OrgId other = new OrgId(UUID.fromString("01890000-0000-7000-8000-000000000002"));
        assertThatThrownBy(() -> new AuditVerifier(ORG, K1, Optional.of(new AuditCheckpoint(other, 0, Optional.empty()))))
                .isInstanceOf(TenantMismatchException.class);
    }
}
