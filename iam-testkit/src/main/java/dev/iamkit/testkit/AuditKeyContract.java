package dev.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.TenantMismatchException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.Actor;
import dev.iamkit.model.AuditCheckpoint;
import dev.iamkit.model.AuditVerification;
import dev.iamkit.model.AuditVerification.CheckpointMatch;
import dev.iamkit.model.NewApiKey;
import dev.iamkit.model.NewRole;
import dev.iamkit.model.NewTeam;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.User;
import dev.iamkit.support.AuditKeys;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A store given audit keys signs each event's link with the first key and verifies the trail with
 * all of them: intact only when every event verifies under a key it holds. Checkpoints taken from
 * the trail let {@code verify} also see the end of it. The store starts with {@code k1}.
 */
public abstract class AuditKeyContract extends ContractBase {

    @Override
    protected AuditKeys auditKeys() {
        return TestAuditKeys.K1;
    }

    private void teams(OrgId org, String... names) {
        for (String name : names) {
            db.tenant(org).teams().create(new NewTeam(name));
        }
    }

    @Test
    void theKeyedChainHoldsAcrossCallsTransactionsRollbacksAndUndoneCalls() {
        OrgId org = data.org().id();
        OrgId other = data.org().id();
        db.tenant(org).roles().create(new NewRole("clerk", "Clerk"));
        db.tenant(other).teams().create(new NewTeam("Elsewhere"));
        db.inTenant(org, Actor.service("sync").withIp("198.51.100.4"), tx -> {
            tx.teams().create(new NewTeam("Ops"));
            // a call that fails inside the work is undone by itself, its event too
            assertThatThrownBy(() -> tx.roles().create(new NewRole("clerk", "Again"))).isInstanceOf(AlreadyExistsException.class);
            tx.roles().create(new NewRole("auditor", "Auditor"));
            return null;
        });
        assertThatThrownBy(() -> db.inTenant(org, Actor.system(), tx -> {
            tx.teams().create(new NewTeam("Rolled back"));
            throw new IllegalStateException("no");
        })).isInstanceOf(IllegalStateException.class);
        clock.advance(Duration.ofMinutes(5));
        teams(org, "Later");

        long events = db.tenant(org).audit().list(PageRequest.first(100)).items().size();
        AuditVerification v = db.tenant(org).audit().verify();
        assertThat(events).isEqualTo(4);
        assertThat(v.intact()).as(v.toString()).isTrue();
        assertThat(v.verified()).isEqualTo(events);
        assertThat(v.events()).isEqualTo(events);
        assertThat(db.tenant(other).audit().verify()).satisfies(o -> {
            assertThat(o.intact()).isTrue();
            assertThat(o.verified()).isEqualTo(1);
        });
    }

    @Test
    void eventsTheStoreWritesByItselfAreSignedToo() {
        OrgId org = data.org().id();
        User user = data.member(org);
        db.tenant(org, Actor.user(user.id())).apiKeys().create(new NewApiKey("deploys", List.of("invoices:read")));
        db.privacy().anonymize(user.id());   // revokes the key, audited as the system

        AuditVerification v = db.tenant(org).audit().verify();
        assertThat(db.tenant(org).audit().list(PageRequest.first(100)).items()).last()
                .satisfies(e -> assertThat(e.action()).isEqualTo("api_key.revoke"));
        assertThat(v.verified()).isEqualTo(v.events());
        assertThat(v.intact()).as(v.toString()).isTrue();
    }

    @Test
    void afterARotationTheOldKeyStillVerifiesItsEventsAndTheNewOneSigns() {
        OrgId org = data.org().id();
        teams(org, "Under k1", "Under k1 too");

        db = fixture().reopen(db, clock, TestAuditKeys.K2_THEN_K1);
        teams(org, "Under k2");

        AuditVerification v = db.tenant(org).audit().verify();
        assertThat(v.intact()).as(v.toString()).isTrue();
        assertThat(v.verified()).isEqualTo(3);
    }

    @Test
    void eventsUnderAKeyTheStoreNoLongerHoldsAreReportedAsUnknownNotIntact() {
        OrgId org = data.org().id();
        teams(org, "Under k1", "Under k1 too");
        db = fixture().reopen(db, clock, TestAuditKeys.K2_THEN_K1);
        teams(org, "Under k2");

        db = fixture().reopen(db, clock, TestAuditKeys.K2);
        AuditVerification v = db.tenant(org).audit().verify();

        assertThat(v.unknownKey()).as(v.toString()).isEqualTo(2);
        assertThat(v.unknownKeyIds()).containsExactly("k1");
        assertThat(v.verified()).isEqualTo(1);
        assertThat(v.broken()).isZero();
        assertThat(v.intact()).isFalse();
    }

    @Test
    void aStoreWithAnotherKeyUnderTheSameIdFindsEveryEventBroken() {
        OrgId org = data.org().id();
        teams(org, "One", "Two");

        db = fixture().reopen(db, clock, AuditKeys.signingWith("k1", TestAuditKeys.material(9)));
        AuditVerification v = db.tenant(org).audit().verify();

        assertThat(v.broken()).as(v.toString()).isEqualTo(2);
        assertThat(v.firstBrokenSeq()).contains(1L);
        assertThat(v.intact()).isFalse();
    }

    @Test
    void anEmptyTrailHasACheckpointAtSeqZeroThatLaterEventsKeep() {
        OrgId org = data.org().id();
        AuditCheckpoint empty = db.tenant(org).audit().checkpoint();
        assertThat(empty).isEqualTo(new AuditCheckpoint(org, 0, Optional.empty()));

        teams(org, "Ops");
        AuditVerification v = db.tenant(org).audit().verify(empty);
        assertThat(v.checkpoint()).isEqualTo(CheckpointMatch.MATCHED);
        assertThat(v.intact()).as(v.toString()).isTrue();
    }

    @Test
    void aCheckpointNamesTheNewestEventAndStillMatchesAfterMoreEvents() {
        OrgId org = data.org().id();
        teams(org, "One", "Two", "Three");
        AuditCheckpoint head = db.tenant(org).audit().checkpoint();
        assertThat(head.orgId()).isEqualTo(org);
        assertThat(head.seq()).isEqualTo(3);
        assertThat(head.link()).hasValueSatisfying(l -> assertThat(l).hasSize(64));
        assertThat(AuditCheckpoint.parse(head.text())).isEqualTo(head);

        db.inTenant(org, Actor.system(), tx -> tx.teams().create(new NewTeam("Four")));
        teams(org, "Five");
        AuditVerification v = db.tenant(org).audit().verify(AuditCheckpoint.parse(head.text()));

        assertThat(v.checkpoint()).isEqualTo(CheckpointMatch.MATCHED);
        assertThat(v.verified()).isEqualTo(5);
        assertThat(v.intact()).as(v.toString()).isTrue();
        assertThat(db.tenant(org).audit().checkpoint().seq()).isEqualTo(5);
    }

    @Test
    void aCheckpointBeyondTheEndOfTheTrailShowsItsTailMissing() {
        OrgId org = data.org().id();
        teams(org, "One", "Two");
        AuditCheckpoint head = db.tenant(org).audit().checkpoint();
        AuditCheckpoint later = new AuditCheckpoint(org, 4, head.link());

        AuditVerification v = db.tenant(org).audit().verify(later);

        assertThat(v.checkpoint()).isEqualTo(CheckpointMatch.MISSING);
        assertThat(v.verified()).isEqualTo(2);
        assertThat(v.intact()).isFalse();
    }

    @Test
    void aCheckpointWhoseLinkDiffersFromTheEventAtItsSeqIsReported() {
        OrgId org = data.org().id();
        teams(org, "One", "Two");
        AuditCheckpoint first = new AuditCheckpoint(org, 1, db.tenant(org).audit().checkpoint().link());

        AuditVerification v = db.tenant(org).audit().verify(first);

        assertThat(v.checkpoint()).isEqualTo(CheckpointMatch.DIFFERENT);
        assertThat(v.broken()).isZero();
        assertThat(v.intact()).isFalse();
    }

    @Test
    void aCheckpointOfAnotherOrganizationIsRefused() {
        OrgId org = data.org().id();
        OrgId other = data.org().id();
        teams(other, "Elsewhere");
        AuditCheckpoint theirs = db.tenant(other).audit().checkpoint();

        assertThatThrownBy(() -> db.tenant(org).audit().verify(theirs))
                .isInstanceOfSatisfying(TenantMismatchException.class, e -> {
                    assertThat(e.scope()).isEqualTo(org);
                    assertThat(e.record()).isEqualTo(other);
                });
        assertThatThrownBy(() -> db.tenant(org).audit().verify(null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("checkpoint"));
    }
}
