package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.ORGANIZATION;

import dev.iamkit.error.IamException;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.TenantMismatchException;
import dev.iamkit.model.OrgId;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.postgresql.util.PSQLException;

/**
 * Checks the tenant stores share.
 *
 * <p>The in-memory store refuses a write in an organization that does not exist before it looks at
 * anything else. Checking that up front would cost every write a query, so the tenant stores
 * check it only where a write ends without writing: when it fails on one of the store's own
 * checks, or when it returns having changed nothing. A write that does write reaches the audit
 * append, whose foreign key refuses a missing organization anyway (or an earlier insert's: either
 * way the violation is reported here as the missing organization).
 */
final class TenantChecks {
    private TenantChecks() {
    }

    /** {@code work}, with its own failures reported as a missing organization when that is the first thing wrong. */
    static <R> SqlWork<R> orgFirst(TenantContext ctx, SqlWork<R> work) {
        return sql -> {
            try {
                return work.run(sql);
            } catch (IamException e) {
                // Only the store's own checks throw these here; database errors are still
                // DataAccessExceptions, and after one the transaction takes no more queries.
                requireOrg(ctx, sql);
                throw e;
            } catch (DataAccessException e) {
                if (missingOrg(e)) {
                    throw new NotFoundException("organization", ctx.org);
                }
                throw e;
            }
        };
    }

    /**
     * Whether {@code e} is the violation of a tenant table's foreign key to {@code organization}
     * (all named {@code <table>_org_id_fkey}). Row level security on the referencing table makes
     * PostgreSQL leave the key out of the error's detail, so the generic mapping cannot name the
     * organization; the scope knows which one it is.
     */
    static boolean missingOrg(DataAccessException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof PSQLException p && "23503".equals(p.getSQLState()) && p.getServerErrorMessage() != null) {
                // every tenant table's key to its organization, named by PostgreSQL's default (on Citus with the shard's id)
                String constraint = SqlErrors.constraint(p.getServerErrorMessage(), name -> name.endsWith("_org_id_fkey"));
                return constraint != null && constraint.endsWith("_org_id_fkey");
            }
        }
        return false;
    }

    /** Throws {@code NotFoundException("organization")} when the scope's organization does not exist, deleted or not. */
    static void requireOrg(TenantContext ctx, DSLContext sql) {
        if (!sql.fetchExists(ORGANIZATION, ORGANIZATION.ID.eq(ctx.org.value()))) {
            throw new NotFoundException("organization", ctx.org);
        }
    }

    /** A record read in another organization cannot be written through this scope; checked before anything else, as in memory. */
    static void requireOwn(TenantContext ctx, OrgId recordOrg) {
        if (!ctx.org.equals(recordOrg)) {
            throw new TenantMismatchException(ctx.org, recordOrg);
        }
    }
}
