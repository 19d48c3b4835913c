package dev.iamkit.jooq;

import dev.iamkit.TenantWork;
import dev.iamkit.authz.AuthzCache;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.Actor;
import dev.iamkit.model.OrgId;
import dev.iamkit.support.AuditKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;

/**
 * Tenant work inside a transaction the host app owns: the work's changes (and their audit events
 * and revision) commit or roll back with the host's own statements on the same connection.
 *
 * <p>The work runs under a savepoint set before the tenant is, so a work that throws is undone by
 * itself, tenant setting included, and the host's transaction goes on. On success the savepoint is
 * released and the host's previous tenant setting (usually none) put back. Nothing here commits:
 * the host does. The cache learns of the new revision when the host commits, through the
 * notification the change queued (PostgreSQL sends it at commit, never for a rollback).
 */
final class HostTransaction {
    private static final String TENANT = "iamkit.org_id";

    private HostTransaction() {
    }

    static <R> R run(Sql sql, Clock clock, AuthzCache cache, AuditKeys auditKeys, Connection connection, OrgId org, Actor actor, TenantWork<R> work) {
        sql.checkOpen();
        boolean autoCommit;
        try {
            autoCommit = connection.getAutoCommit();
        } catch (SQLException e) {
            throw Sql.rethrow(e);
        }
        if (autoCommit) {
            throw new ValidationException("connection", "is in autocommit mode: start a transaction (setAutoCommit(false)) so the work can join it");
        }
        Savepoint savepoint;
        String previous;
        try {
            previous = currentTenant(connection);
            savepoint = connection.setSavepoint();
            Sql.setTenant(connection, org);
        } catch (SQLException | RuntimeException e) {
            throw Sql.rethrow(e);
        }
        TransactionExchange exchange = new TransactionExchange(connection);
        TenantRunner.Bound runner = new TenantRunner.Bound(org, exchange, sql.dsl(exchange.connection()));
        try {
            R result = work.run(new JooqTenantScope(new TenantContext(org, actor, clock, runner, cache, sql.functions(), auditKeys, sql.statements())));
            runner.end();
            exchange.discard();   // the release of the work's savepoint ends the calls' savepoints too
            connection.releaseSavepoint(savepoint);
            restoreTenant(connection, previous);
            return result;
        } catch (Throwable t) {
            runner.end();
            exchange.discard();
            try {
                connection.rollback(savepoint);   // undoes the tenant setting too
            } catch (SQLException | RuntimeException e) {
                // Typically the connection is gone, and the host's transaction with it (the host's
                // commit will say so): the work's own failure, with its SQLState, is what the host
                // needs to see first.
                t.addSuppressed(e);
            }
            if (t instanceof RuntimeException r && !(t instanceof org.jooq.exception.DataAccessException)) {
                throw r; // the work's own exception, rethrown as it is
            }
            throw Sql.rethrow(t);
        }
    }

    private static String currentTenant(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT current_setting('" + TENANT + "', true)"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void restoreTenant(Connection c, String previous) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config('" + TENANT + "', ?, true)")) {
            ps.setString(1, previous == null ? "" : previous);
            ps.execute();
        }
    }
}
