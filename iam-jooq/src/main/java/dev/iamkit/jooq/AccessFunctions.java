package dev.iamkit.jooq;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The permission-check functions of migration V6 ({@code can}, {@code can_all}, {@code can_view}),
 * named in the configured schema. Each sets the tenant for its own queries and restores the
 * caller's, so it runs on any connection of the application role, in or out of a transaction.
 */
final class AccessFunctions {
    private final Name can;
    private final Name canView;
    /** The checks' own statements, rendered once: the hot path binds and runs them without building a query. */
    final String canCall;
    final String canAllCall;
    final String canViewCall;

    AccessFunctions(String schema) {   // a validated identifier (PostgresIamConfig)
        this.can = DSL.name(schema, "can");
        this.canView = DSL.name(schema, "can_view");
        String s = "\"" + schema + "\".";
        this.canCall = "SELECT " + s + "can(?, ?, ?, ?, ?)";
        this.canAllCall = "SELECT " + s + "can_all(?, ?, ?, ?, ?)";
        this.canViewCall = "SELECT " + s + "can_view(?, ?, ?, ?)";
    }

    Field<Boolean> can(Field<UUID> org, Field<UUID> user, Field<UUID> feature, Field<String> action, Field<OffsetDateTime> at) {
        return DSL.function(can, SQLDataType.BOOLEAN, org, user, feature, action, at);
    }

    Field<Boolean> canView(Field<UUID> org, Field<UUID> user, Field<UUID> view, Field<OffsetDateTime> at) {
        return DSL.function(canView, SQLDataType.BOOLEAN, org, user, view, at);
    }
}
