package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.iamkit.error.StorageException;
import dev.iamkit.model.Actor;
import dev.iamkit.model.AuditEvent;
import dev.iamkit.model.NewOrganization;
import dev.iamkit.model.NewRole;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Role;
import dev.iamkit.testkit.PostgresTestDatabase;
import dev.iamkit.testkit.TestAuditKeys;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * In a transaction the store commits itself, a write's audit event goes with the commit, in one
 * exchange ({@link TransactionExchange}), or in an exchange of its own when the work runs another
 * statement first. Here the server refuses some events (a trigger of the test's, on events whose
 * {@code after} names a role code starting with {@code refused}): whenever it does, nothing of the
 * transaction is stored and the caller is told, even when the refusal reaches a later call of the
 * work and the work catches it.
 */
class AuditWithTheCommitTest {
    private static final PostgresFixture FIXTURE = new PostgresFixture("auditwithcommit");
    private PostgresIam db;
    private OrgId org;

    @BeforeAll
    static void refuseSomeEvents() {
        if (CitusTestMode.on()) {
            return;   // Citus takes no trigger on a distributed table; every test is skipped below, where the skip shows
        }
        String s = "\"" + FIXTURE.schema() + "\"";
        PostgresTestDatabase.get().execute("CREATE FUNCTION " + s + ".refuse_event() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF NEW.after::text LIKE '%\"refused%' THEN RAISE EXCEPTION 'this event is refused' USING ERRCODE = 'P0001'; END IF; "
                + "RETURN NEW; END $$");
        PostgresTestDatabase.get().execute("CREATE TRIGGER refuse_event BEFORE INSERT ON " + s + ".audit_event FOR EACH ROW EXECUTE FUNCTION "
                + s + ".refuse_event()");
    }

    @BeforeEach
    void store() {
        Assumptions.assumeFalse(CitusTestMode.on(), "on Citus the audit event is sent before the commit, in an exchange of its own (docs/citus.md)");
        db = (PostgresIam) FIXTURE.open(Clock.systemUTC(), TestAuditKeys.K1);
        org = db.organizations().create(new NewOrganization("held", "Held")).id();
        db.tenant(org).roles().create(new NewRole("seed", "Seed"));
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    private List<String> roleCodes() {
        return db.tenant(org).roles().list(PageRequest.first()).items().stream().map(Role::code).toList();
    }

    /** The trail is whole and chained: one event per stored change, numbered without gaps. */
    private void assertTheTrailIsWhole(int events) {
        assertThat(db.tenant(org).audit().list(PageRequest.first(100)).items()).extracting(AuditEvent::seq)
                .containsExactlyInAnyOrderElementsOf(java.util.stream.LongStream.rangeClosed(1, events).boxed().toList());
        var verification = db.tenant(org).audit().verify();
        assertThat(verification.intact()).as(verification.toString()).isTrue();
    }

    @Test
    void aWriteWhoseEventIsRefusedWithTheCommitStoresNothingAndSaysWhy() {
        StorageException e = catchThrowableOfType(StorageException.class, () -> db.tenant(org).roles().create(new NewRole("refused-1", "R")));

        assertThat(e).as("a failure").isNotNull();
        assertThat(e.code()).contains("P0001");
        assertThat(e.kind()).as("the server answered: nothing was committed, and it would refuse again").isEqualTo(StorageException.Kind.REJECTED);
        assertThat(roleCodes()).containsExactly("seed");
        db.tenant(org).roles().create(new NewRole("after", "After"));
        assertTheTrailIsWhole(2);
    }

    @Test
    void workWhoseLastEventIsRefusedStoresNothing() {
        StorageException e = catchThrowableOfType(StorageException.class, () -> db.inTenant(org, Actor.system(), tx -> {
            tx.roles().create(new NewRole("kept-until-commit", "K"));
            return tx.roles().create(new NewRole("refused-2", "R"));
        }));

        assertThat(e).as("a failure").isNotNull();
        assertThat(e.code()).contains("P0001");
        assertThat(roleCodes()).containsExactly("seed");
        assertTheTrailIsWhole(1);
    }

    /**
     * The event of the first call is refused when the second call's statement goes out; the work
     * catches that failure and returns. The transaction, which the server has aborted, is not
     * committed, and the caller is told: without that, the commit of an aborted transaction, which
     * the server answers with a rollback and no error, would have returned as if it had stored both.
     */
    @Test
    void anEventRefusedBeforeTheNextCallKeepsTheWorkFromCommittingEvenWhenTheWorkGoesOn() {
        AtomicReference<StorageException> caught = new AtomicReference<>();
        StorageException e = catchThrowableOfType(StorageException.class, () -> db.inTenant(org, Actor.system(), tx -> {
            tx.roles().create(new NewRole("refused-3", "R"));
            try {
                tx.roles().create(new NewRole("next", "N"));
            } catch (StorageException failed) {
                caught.set(failed);
            }
            return "done";
        }));

        assertThat(caught.get()).as("the next call met the refusal").isNotNull();
        assertThat(caught.get().code()).contains("P0001");
        assertThat(e).as("the work's outcome").isNotNull();
        assertThat(e.kind()).isEqualTo(StorageException.Kind.REJECTED);
        assertThat(e).hasMessageContaining("audit event").hasMessageContaining("nothing of the transaction was");
        assertThat(roleCodes()).containsExactly("seed");
        assertTheTrailIsWhole(1);
    }

    /** A statement the work runs after a write sees that write's event: it is sent first. */
    @Test
    void theWorkReadsTheEventOfItsOwnWriteBeforeTheCommit() {
        List<AuditEvent> seen = db.inTenant(org, Actor.system(), tx -> {
            tx.roles().create(new NewRole("read-back", "Read back"));
            return tx.audit().list(PageRequest.first(10)).items();
        });

        assertThat(seen).extracting(AuditEvent::seq).contains(2L);
        assertThat(roleCodes()).containsExactlyInAnyOrder("seed", "read-back");
        assertTheTrailIsWhole(2);
    }

    /** Work that throws after a write leaves nothing, and the held event goes nowhere: the next transaction numbers its event 2. */
    @Test
    void workThatThrowsAfterAWriteLeavesNeitherTheWriteNorItsEvent() {
        IllegalStateException e = catchThrowableOfType(IllegalStateException.class, () -> db.inTenant(org, Actor.system(), tx -> {
            tx.roles().create(new NewRole("thrown-away", "T"));
            throw new IllegalStateException("the work's own failure");
        }));

        assertThat(e).hasMessage("the work's own failure");
        db.tenant(org).roles().create(new NewRole("after", "After"));
        assertThat(roleCodes()).containsExactlyInAnyOrder("seed", "after");
        assertTheTrailIsWhole(2);
    }
}
