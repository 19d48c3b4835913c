package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.StorageException;
import dev.iamkit.error.StorageException.Kind;
import dev.iamkit.jooq.SqlErrors.Phase;
import java.io.EOFException;
import java.net.SocketException;
import java.sql.SQLException;
import dev.iamkit.error.NotFoundException;
import org.jooq.exception.DataAccessException;
import org.postgresql.util.PSQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What each SQLState means for a call's changes, before its commit was sent and while it was on
 * the wire; the real failures are made on a server of its own in {@link FailureKindsTest}.
 */
class SqlErrorsTest {

    private static StorageException mapped(String state, Phase phase) {
        RuntimeException e = SqlErrors.map(new DataAccessException("jOOQ", new SQLException("driver says no", state)), phase);
        assertThat(e).isInstanceOf(StorageException.class);
        return (StorageException) e;
    }

    @ParameterizedTest(name = "{0}: {1} before the commit, {2} during it")
    @CsvSource({
            // connection lost: the server rolls back what was not committed
            "08006, NOT_APPLIED, OUTCOME_UNKNOWN",
            "08000, NOT_APPLIED, OUTCOME_UNKNOWN",
            "57P01, NOT_APPLIED, OUTCOME_UNKNOWN",
            "57P02, NOT_APPLIED, OUTCOME_UNKNOWN",
            // the connection was closed before anything was sent, or could not be made
            "08003, NOT_APPLIED, NOT_APPLIED",
            "08001, NOT_APPLIED, NOT_APPLIED",
            "08004, NOT_APPLIED, NOT_APPLIED",
            "57P03, NOT_APPLIED, NOT_APPLIED",
            // the server refused for a reason of the moment and rolled back
            "40001, NOT_APPLIED, NOT_APPLIED",
            "40P01, NOT_APPLIED, NOT_APPLIED",
            "55P03, NOT_APPLIED, NOT_APPLIED",
            "57014, NOT_APPLIED, NOT_APPLIED",
            "25P03, NOT_APPLIED, NOT_APPLIED",
            "53300, NOT_APPLIED, NOT_APPLIED",
            "53100, NOT_APPLIED, NOT_APPLIED",
            "40003, OUTCOME_UNKNOWN, OUTCOME_UNKNOWN",
            // the same call fails the same way
            "42501, REJECTED, REJECTED",
            "42P01, REJECTED, REJECTED",
            "22P02, REJECTED, REJECTED",
            "23514, REJECTED, REJECTED",
            "23505, REJECTED, REJECTED",
            "XX000, REJECTED, REJECTED"})
    void eachStateHasAKindThatDependsOnWhetherTheCommitWasOnTheWire(String state, Kind before, Kind during) {
        StorageException b = mapped(state, Phase.BEFORE_COMMIT);
        StorageException d = mapped(state, Phase.COMMITTING);
        assertThat(b.kind()).isEqualTo(before);
        assertThat(d.kind()).isEqualTo(during);
        assertThat(b.code()).contains(state);
        assertThat(b.retryable()).isEqualTo(before == Kind.NOT_APPLIED);
        assertThat(d.retryable()).isEqualTo(during == Kind.NOT_APPLIED);
        assertThat(b.getCause()).isInstanceOf(DataAccessException.class);
    }

    @Test
    void anUnknownOutcomeSaysSoInItsMessage() {
        assertThat(mapped("08006", Phase.COMMITTING)).hasMessageContaining("may or may not be stored");
        assertThat(mapped("08006", Phase.BEFORE_COMMIT).getMessage()).doesNotContain("may or may not");
    }

    @Test
    void anInputOutputFailureWithoutAStateIsALostConnection() {
        SQLException noState = new SQLException("I/O", (String) null, new EOFException());
        assertThat(((StorageException) SqlErrors.map(noState, Phase.COMMITTING)).kind()).isEqualTo(Kind.OUTCOME_UNKNOWN);
        assertThat(((StorageException) SqlErrors.map(noState, Phase.BEFORE_COMMIT)).kind()).isEqualTo(Kind.NOT_APPLIED);
        RuntimeException wrapped = SqlErrors.map(new DataAccessException("no SQLException here", new SocketException("reset")), Phase.COMMITTING);
        assertThat(wrapped).isInstanceOfSatisfying(StorageException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.OUTCOME_UNKNOWN);
            assertThat(e.code()).isEmpty();
        });
    }

    @Test
    void aConnectionThePoolHasAlreadyClosedSentNothing() {
        SQLException hikari = new SQLException("Connection is closed");
        for (Phase phase : Phase.values()) {
            StorageException e = (StorageException) SqlErrors.map(hikari, phase);
            assertThat(e.kind()).isEqualTo(Kind.NOT_APPLIED);
            assertThat(e.code()).contains("08003");
        }
    }

    @Test
    void theLibrarysOwnExceptionsPassThroughInEveryPhase() {
        AlreadyExistsException own = new AlreadyExistsException("role", "code", "clerk");
        assertThat(SqlErrors.map(own, Phase.COMMITTING)).isSameAs(own);
        StorageException storage = new StorageException(Kind.OUTCOME_UNKNOWN, "simulated");
        assertThat(SqlErrors.map(storage, Phase.BEFORE_COMMIT)).isSameAs(storage);
    }

    @Test
    void theOlderConstructorsMapRetryableToNotAppliedAndTheRestToRejected() {
        assertThat(new StorageException("m", true).kind()).isEqualTo(Kind.NOT_APPLIED);
        assertThat(new StorageException("m", null, false).kind()).isEqualTo(Kind.REJECTED);
        assertThat(new StorageException(Kind.OUTCOME_UNKNOWN, "", "m", null).code()).isEmpty();
        assertThat(new StorageException(Kind.OUTCOME_UNKNOWN, "m").retryable()).isFalse();
    }

    /** A server's error as pgjdbc parses it: {@code fields} are PostgreSQL's one-letter field codes and values. */
    private static PSQLException server(String state, String message, String constraint, String detail) {
        String raw = "SERROR\0C" + state + "\0M" + message + "\0" + (detail == null ? "" : "D" + detail + "\0")
                + (constraint == null ? "" : "n" + constraint + "\0");
        return new PSQLException(new org.postgresql.util.ServerErrorMessage(raw));
    }

    /** On Citus a constraint's name carries its shard's id; the error means what the table's constraint means. */
    @Test
    void aConstraintNamedWithAShardSuffixIsTheTablesConstraint() {
        assertThat(SqlErrors.map(new DataAccessException("jOOQ", server("23503", "violates foreign key", "membership_org_id_fkey_110040",
                "Key (org_id)=(0190aa) is not present in table \"organization_102008\".")))).isInstanceOf(NotFoundException.class);
        assertThat(SqlErrors.map(new DataAccessException("jOOQ", server("23505", "duplicate key", "role_org_id_code_key_110072",
                "Key (org_id, code)=(0190aa, clerk) already exists.")))).isInstanceOf(AlreadyExistsException.class);
        // a name that only looks suffixed stays what it is
        assertThat(SqlErrors.map(new DataAccessException("jOOQ", server("23505", "duplicate key", "host_table_key_2", null))))
                .isInstanceOf(StorageException.class);
    }

    /**
     * Citus passes a worker's error on with message and detail only, no constraint field: the
     * constraint is read from the message, then its shard suffix stripped.
     */
    @Test
    void aShardsConstraintNamedOnlyInTheMessageIsTheTablesConstraint() {
        NotFoundException missing = (NotFoundException) SqlErrors.map(new DataAccessException("jOOQ", server("23503",
                "insert or update on table \"role_116419\" violates foreign key constraint \"role_org_id_fkey_116419\"", null,
                "Key (org_id)=(0190aa) is not present in table \"organization_102008\".")));
        assertThat(missing.getMessage()).contains("organization").contains("0190aa");
        AlreadyExistsException taken = (AlreadyExistsException) SqlErrors.map(new DataAccessException("jOOQ", server("23505",
                "duplicate key value violates unique constraint \"team_name_118611\"", null, "Key (org_id, name_key)=(0190aa, ops) already exists.")));
        assertThat(taken.getMessage()).contains("team").contains("ops");
        // an unknown name in the message stays unmapped, suffixed or not
        assertThat(SqlErrors.map(new DataAccessException("jOOQ", server("23505",
                "duplicate key value violates unique constraint \"host_table_key_2\"", null, null)))).isInstanceOf(StorageException.class);
    }

    /** A write in an organization that does not exist: any tenant table's key to it, on a shard too. */
    @Test
    void aMissingOrganizationIsRecognizedOnAShard() {
        assertThat(TenantChecks.missingOrg(new DataAccessException("jOOQ", server("23503",
                "insert or update on table \"idempotency_key_120001\" violates foreign key constraint \"idempotency_key_org_id_fkey_120001\"",
                null, null)))).isTrue();
        assertThat(TenantChecks.missingOrg(new DataAccessException("jOOQ", server("23503", "violates foreign key constraint",
                "idempotency_key_org_id_fkey", null)))).isTrue();
        assertThat(TenantChecks.missingOrg(new DataAccessException("jOOQ", server("23503",
                "insert or update on table \"team_member_120001\" violates foreign key constraint \"team_member_org_id_team_id_fkey_120001\"",
                null, null)))).isFalse();
    }

    /** Citus refuses to change org_id before a policy is asked; the caller sees the policy's refusal either way. */
    @Test
    void movingARowToAnotherOrganizationOnCitusIsRefusedLikeThePolicyRefusesIt() {
        StorageException e = (StorageException) SqlErrors.map(new DataAccessException("jOOQ", server("0A000", SqlErrors.CITUS_PARTITION_VALUE, null, null)));
        assertThat(e.kind()).isEqualTo(Kind.REJECTED);
        assertThat(e.code()).contains("42501");
        StorageException other = (StorageException) SqlErrors.map(new DataAccessException("jOOQ", server("0A000", "cannot do that", null, null)));
        assertThat(other.code()).contains("0A000");
    }
}
