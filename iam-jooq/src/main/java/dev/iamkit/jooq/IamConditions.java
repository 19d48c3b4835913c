package dev.iamkit.jooq;

import dev.iamkit.model.FeatureId;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Permission;
import dev.iamkit.model.UserId;
import dev.iamkit.model.Validate;
import dev.iamkit.model.ViewId;
import java.time.Clock;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.impl.DSL;

/**
 * Permission checks as jOOQ conditions, for a host app's own queries: filter rows of the host's
 * tables by what a user may do, in the same statement.
 *
 * <pre>{@code
 * IamConditions iam = postgresIam.conditions();
 * ctx.selectFrom(INVOICE)
 *    .where(iam.can(INVOICE.ORG_ID, ana, invoices, "read"))
 *    .fetch();
 * }</pre>
 *
 * Each condition is a call of the schema's {@code can} / {@code can_view} function (migrations
 * V6, V12): the same rules as {@link dev.iamkit.authz.Authz#check}, read from the database at the
 * query's snapshot, never from a cache. The functions never answer across tenants:
 * <ul>
 *   <li>with a tenant set in the transaction ({@code iamkit.org_id}, as {@code inTenant} on the
 *       host's connection sets it), they answer for that organization and are false for any other;</li>
 *   <li>with no tenant set, they answer in any organization, but only about the user the
 *       transaction names with {@link #actingUser(UserId)}, and are false for every other user;</li>
 *   <li>with neither, they are false.</li>
 * </ul>
 * So a query over rows of many organizations runs in a transaction that first names its user:
 *
 * <pre>{@code
 * dsl.transaction(tx -> {
 *     tx.dsl().execute(iam.actingUser(ana));
 *     return tx.dsl().selectFrom(INVOICE).where(iam.can(INVOICE.ORG_ID, ana, invoices, "read")).fetch();
 * });
 * }</pre>
 *
 * With an organization that does not depend on the row (an {@link OrgId} or a bind value),
 * PostgreSQL evaluates the call once per query; with a column, once per row. Expiry is judged at
 * the store's clock when the condition is built.
 *
 * <p>On Citus the functions answer only with a tenant set in the transaction block (with
 * {@code SET LOCAL} or {@code set_config}; they carry it to the workers themselves). A query with
 * no tenant, or outside a transaction block, is refused with SQLSTATE 42501, never answered false:
 * the workers' row level security needs the tenant, so a query over many organizations is not
 * possible there.
 */
public final class IamConditions {
    private final AccessFunctions functions;
    private final Clock clock;

    IamConditions(AccessFunctions functions, Clock clock) {
        this.functions = functions;
        this.clock = clock;
    }

    /** True for the rows whose organization {@code org} lets {@code user} perform {@code action} on {@code feature}. */
    public Condition can(Field<UUID> org, UserId user, FeatureId feature, String action) {
        Validate.notNull("org", org);
        Validate.notNull("userId", user);
        Permission p = new Permission(feature, action);   // validates feature and action
        return DSL.condition(functions.can(org, DSL.val(user.value()), DSL.val(p.featureId().value()), DSL.val(p.action()), now()));
    }

    /** True when organization {@code org} lets {@code user} perform {@code action} on {@code feature}. */
    public Condition can(OrgId org, UserId user, FeatureId feature, String action) {
        Validate.notNull("orgId", org);
        return can(DSL.val(org.value()), user, feature, action);
    }

    /** True for the rows whose organization {@code org} lets {@code user} access {@code view}. */
    public Condition canAccessView(Field<UUID> org, UserId user, ViewId view) {
        Validate.notNull("org", org);
        Validate.notNull("userId", user);
        Validate.notNull("viewId", view);
        return DSL.condition(functions.canView(org, DSL.val(user.value()), DSL.val(view.value()), now()));
    }

    /** True when organization {@code org} lets {@code user} access {@code view}. */
    public Condition canAccessView(OrgId org, UserId user, ViewId view) {
        Validate.notNull("orgId", org);
        return canAccessView(DSL.val(org.value()), user, view);
    }

    /**
     * The statement that names {@code user} as the transaction's acting user ({@code iamkit.user_id},
     * transaction-local): with no tenant set, the conditions then answer about this user in every
     * organization. Run it in the host's transaction before the query; in autocommit it would end
     * with its own statement.
     */
    public Query actingUser(UserId user) {
        Validate.notNull("userId", user);
        return DSL.query("SELECT set_config('iamkit.user_id', {0}, true)", DSL.val(user.value().toString()));
    }

    private Field<java.time.OffsetDateTime> now() {
        return DSL.val(Times.db(clock.instant()));
    }
}
