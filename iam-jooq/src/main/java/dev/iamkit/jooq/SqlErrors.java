package dev.iamkit.jooq;

import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.IamException;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.StorageException;
import java.sql.SQLException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.exception.DataAccessException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns driver and jOOQ exceptions into the library's family, by SQLState and constraint name,
 * so no {@code SQLException} or {@code DataAccessException} reaches a caller. Stores check most
 * conditions themselves to report them precisely; these mappings cover the races (two writers of
 * the same key) and are the last line for anything else.
 */
final class SqlErrors {
    /** Unique constraint → (entity, field). */
    private static final Map<String, String[]> UNIQUE = Map.of(
            "organization_slug_live", new String[] {"organization", "slug"},
            "app_user_email_live", new String[] {"user", "email"},
            "module_code_key", new String[] {"module", "code"},
            "feature_code_key", new String[] {"feature", "code"},
            "catalog_view_code_key", new String[] {"view", "code"},
            "catalog_view_path_key", new String[] {"view", "path"},
            "membership_pkey", new String[] {"membership", "userId"},
            "team_name", new String[] {"team", "name"},
            "role_org_id_code_key", new String[] {"role", "code"});
    /** Foreign key → the entity that was missing. */
    private static final Map<String, String> FOREIGN = Map.ofEntries(
            Map.entry("org_counter_org_id_fkey", "organization"),
            Map.entry("entitlement_org_id_fkey", "organization"),
            Map.entry("membership_org_id_fkey", "organization"),
            Map.entry("team_org_id_fkey", "organization"),
            Map.entry("role_org_id_fkey", "organization"),
            Map.entry("audit_event_org_id_fkey", "organization"),
            Map.entry("organization_parent_id_fkey", "organization"),
            Map.entry("entitlement_module_id_fkey", "module"),
            Map.entry("membership_user_id_fkey", "user"),
            Map.entry("team_member_org_id_team_id_fkey", "team"),
            Map.entry("team_member_org_id_user_id_fkey", "membership"),
            Map.entry("feature_grant_org_id_role_id_fkey", "role"),
            Map.entry("feature_grant_feature_id_action_fkey", "feature"),
            Map.entry("view_grant_org_id_role_id_fkey", "role"),
            Map.entry("view_grant_view_id_fkey", "view"),
            Map.entry("user_assignment_org_id_role_id_fkey", "role"),
            Map.entry("user_assignment_org_id_user_id_fkey", "membership"),
            Map.entry("team_assignment_org_id_role_id_fkey", "role"),
            Map.entry("team_assignment_org_id_team_id_fkey", "team"),
            Map.entry("module_feature_module_id_fkey", "module"),
            Map.entry("module_feature_feature_id_fkey", "feature"),
            Map.entry("module_view_module_id_fkey", "module"),
            Map.entry("module_view_view_id_fkey", "view"),
            Map.entry("feature_view_feature_id_fkey", "feature"),
            Map.entry("feature_view_view_id_fkey", "view"),
            Map.entry("menu_item_parent_id_fkey", "menu_item"),
            Map.entry("menu_item_view_id_fkey", "view"),
            Map.entry("trail_entry_org_id_user_id_fkey", "membership"),
            Map.entry("trail_entry_view_id_fkey", "view"),
            Map.entry("user_session_user_id_fkey", "user"),
            Map.entry("user_session_current_org_id_fkey", "organization"));
    private static final Pattern KEY_VALUES = Pattern.compile("Key \\((.*)\\)=\\((.*)\\)");

    private SqlErrors() {
    }

    /**
     * A database error that a store has already explained: it stays a jOOQ exception (after it the
     * transaction takes no more statements, and the tenant checks treat it as a database error),
     * and {@link #map} turns it into the explanation.
     */
    static final class Explained extends DataAccessException {
        private final IamException explanation;

        private Explained(DataAccessException cause, IamException explanation) {
            super(cause.getMessage(), cause);
            this.explanation = explanation;
        }
    }

    /**
     * {@code e}, explained as {@code explanation} when it is the violation of foreign key
     * {@code constraint}: for a key whose referenced row the caller's settings hide, so that
     * PostgreSQL leaves the key's value out of the error.
     */
    static DataAccessException explainForeignKey(DataAccessException e, String constraint, IamException explanation) {
        SQLException sql = find(e);
        if (sql instanceof PSQLException p && "23503".equals(p.getSQLState()) && constraint.equals(constraint(p.getServerErrorMessage()))) {
            return new Explained(e, explanation);
        }
        return e;
    }

    /** Where a failure met a call: what the server may have done with the call's changes depends on it. */
    enum Phase {
        /** Before the call's commit was sent: a server that loses the connection rolls the transaction back. */
        BEFORE_COMMIT,
        /**
         * While the commit was on the wire, or a write that commits by itself (autocommit): if the
         * connection is lost now, the server may have committed or not.
         */
        COMMITTING
    }

    /** Maps any exception thrown before a commit was sent; the library's own pass through unchanged. */
    static RuntimeException map(Throwable t) {
        return map(t, Phase.BEFORE_COMMIT);
    }

    /** Maps any exception thrown while talking to the database in {@code phase}; the library's own pass through unchanged. */
    static RuntimeException map(Throwable t, Phase phase) {
        if (t instanceof IamException iam) {
            return iam;
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof Explained x) {
                return x.explanation;
            }
        }
        SQLException sql = find(t);
        if (sql == null) {
            if (ioFailure(t)) {
                StorageException.Kind kind = kind("", true, phase);
                return new StorageException(kind, null, "database connection failed: " + t.getMessage()
                        + (kind == StorageException.Kind.OUTCOME_UNKNOWN ? unknown(phase) : ""), t);
            }
            return t instanceof RuntimeException r && !(t instanceof org.jooq.exception.DataAccessException)
                    ? r : new StorageException(StorageException.Kind.REJECTED, null, "database access failed: " + t.getMessage(), t);
        }
        String state = state(sql);
        ServerErrorMessage server = sql instanceof PSQLException p ? p.getServerErrorMessage() : null;
        String constraint = constraint(server);
        if (state.equals("0A000") && sql.getMessage() != null && sql.getMessage().contains(CITUS_PARTITION_VALUE)) {
            // Citus refuses to move a row to another organization before any policy is asked: the same refusal as the policy's
            return new StorageException(StorageException.Kind.REJECTED, "42501",
                    "database error 42501: moving a row to another organization is not allowed (" + sql.getMessage() + ")", t);
        }
        switch (state) {
            case "23505" -> {
                String[] ef = constraint == null ? null : UNIQUE.get(constraint);
                if (ef != null) {
                    return new AlreadyExistsException(ef[0], ef[1], lastValue(server));
                }
            }
            case "23503" -> {
                String entity = constraint == null ? null : FOREIGN.get(constraint);
                if (entity != null) {
                    return new NotFoundException(entity, lastValue(server));
                }
            }
            default -> {
            }
        }
        StorageException.Kind kind = kind(state, ioFailure(t), phase);
        return new StorageException(kind, state, "database error " + state + ": " + sql.getMessage()
                + (kind == StorageException.Kind.OUTCOME_UNKNOWN ? unknown(phase) : ""), t);
    }

    /**
     * What a failure with SQLState {@code state} means for the call's changes. A lost connection
     * leaves nothing before the commit (the server rolls back a transaction whose connection is
     * gone) and an unknown outcome during it; a server that answered with an error did not
     * commit. {@code 08003} is the driver's (and the pool's) "this connection has been closed":
     * nothing was sent.
     */
    static StorageException.Kind kind(String state, boolean ioFailure, Phase phase) {
        if (state.equals("08003") || state.equals("08001") || state.equals("08004")) {
            return StorageException.Kind.NOT_APPLIED;
        }
        boolean lost = state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.isEmpty() && ioFailure;
        if (lost) {
            return phase == Phase.COMMITTING ? StorageException.Kind.OUTCOME_UNKNOWN : StorageException.Kind.NOT_APPLIED;
        }
        if (state.equals("40003")) {   // statement_completion_unknown
            return StorageException.Kind.OUTCOME_UNKNOWN;
        }
        // serialization failure, deadlock, lock or statement timeout, idle-in-transaction timeout,
        // a server starting up, insufficient resources (too many connections, disk full, memory)
        boolean passing = state.equals("40001") || state.equals("40P01") || state.equals("55P03") || state.equals("57014")
                || state.equals("25P03") || state.equals("57P03") || state.startsWith("53");
        return passing ? StorageException.Kind.NOT_APPLIED : StorageException.Kind.REJECTED;
    }

    /**
     * The SQLState of {@code e}; HikariCP's stand-in for a connection it has already closed says
     * "Connection is closed" with none, and means what pgjdbc's {@code 08003} means: nothing was sent.
     */
    private static String state(SQLException e) {
        String state = e.getSQLState();
        if ((state == null || state.isEmpty()) && e.getMessage() != null && e.getMessage().startsWith("Connection is closed")) {
            return "08003";
        }
        return state == null ? "" : state;
    }

    private static String unknown(Phase phase) {
        return phase == Phase.COMMITTING ? " (the connection was lost while committing: the changes may or may not be stored)" : "";
    }

    private static boolean ioFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    private static SQLException find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }

    /** What Citus says when a statement would change a row's distribution column ({@code org_id}). */
    static final String CITUS_PARTITION_VALUE = "modifying the partition value of rows is not allowed";
    /** Citus names a shard's constraint after the table's, with the shard's id: {@code membership_org_id_fkey_110040}. */
    private static final Pattern SHARD_SUFFIX = Pattern.compile("(.+)_[0-9]+");

    /** The constraint a unique or foreign key violation's message names, in PostgreSQL's wording. */
    private static final Pattern NAMED_CONSTRAINT = Pattern.compile("violates (?:unique|foreign key) constraint \"([^\"]+)\"");

    /**
     * The constraint an error names, without the shard suffix Citus adds when the name without it is
     * one of ours. Citus passes on a worker's error without its constraint field (message, detail
     * and hint only), so then the name is read from the message.
     */
    static String constraint(ServerErrorMessage server) {
        return constraint(server, known -> UNIQUE.containsKey(known) || FOREIGN.containsKey(known));
    }

    /** {@link #constraint(ServerErrorMessage)}, the shard suffix stripped when the name without it is {@code ours}. */
    static String constraint(ServerErrorMessage server, java.util.function.Predicate<String> ours) {
        String name = server == null ? null : server.getConstraint();
        if (name == null && server != null && server.getMessage() != null) {
            Matcher named = NAMED_CONSTRAINT.matcher(server.getMessage());
            name = named.find() ? named.group(1) : null;
        }
        if (name == null || ours.test(name)) {
            return name;
        }
        Matcher m = SHARD_SUFFIX.matcher(name);
        return m.matches() && ours.test(m.group(1)) ? m.group(1) : name;
    }

    /** The last value of PostgreSQL's "Key (a, b)=(x, y)" detail: the one that names the row. */
    private static String lastValue(ServerErrorMessage server) {
        String detail = server == null ? null : server.getDetail();
        if (detail != null) {
            Matcher m = KEY_VALUES.matcher(detail);
            if (m.find()) {
                String[] values = m.group(2).split(", ");
                return values[values.length - 1];
            }
        }
        return "?";
    }
}
