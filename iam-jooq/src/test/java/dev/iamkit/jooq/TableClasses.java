package dev.iamkit.jooq;

import java.util.Map;

/**
 * The class of every table of the schema (docs/security.md), which decides what a connection of
 * the application role may do with it. A table a migration adds without a class here fails
 * {@link SchemaSelfAuditTest} and {@link AppLoginAttackTest}.
 */
final class TableClasses {
    enum TableClass {
        /** Carries org_id; rows of the organization named by iamkit.org_id only. */
        TENANT,
        /** Users and credential-like rows; the identity scope reads and writes them. */
        IDENTITY,
        /** Organizations, the catalog, menus and the global revision; the platform scope writes them, tenants read all but organizations. */
        PLATFORM,
        /** Flyway's history: no tenant data, read-only for the application role. */
        METADATA
    }

    static final Map<String, TableClass> CLASSES = Map.ofEntries(
            Map.entry("org_counter", TableClass.TENANT),
            Map.entry("entitlement", TableClass.TENANT),
            Map.entry("membership", TableClass.TENANT),
            Map.entry("team", TableClass.TENANT),
            Map.entry("team_member", TableClass.TENANT),
            Map.entry("role", TableClass.TENANT),
            Map.entry("role_inclusion", TableClass.TENANT),
            Map.entry("role_access", TableClass.TENANT),
            Map.entry("feature_grant", TableClass.TENANT),
            Map.entry("view_grant", TableClass.TENANT),
            Map.entry("user_assignment", TableClass.TENANT),
            Map.entry("team_assignment", TableClass.TENANT),
            Map.entry("trail_entry", TableClass.TENANT),
            Map.entry("audit_event", TableClass.TENANT),
            Map.entry("usage_counter", TableClass.TENANT),
            Map.entry("api_key", TableClass.TENANT),
            Map.entry("idempotency_key", TableClass.TENANT),
            Map.entry("app_user", TableClass.IDENTITY),
            Map.entry("user_session", TableClass.IDENTITY),
            Map.entry("session_token", TableClass.IDENTITY),
            Map.entry("api_key_lookup", TableClass.IDENTITY),
            Map.entry("magic_link_challenge", TableClass.IDENTITY),
            Map.entry("rate_limit_window", TableClass.IDENTITY),
            Map.entry("password_credential", TableClass.IDENTITY),
            Map.entry("user_data_key", TableClass.IDENTITY),
            Map.entry("consent", TableClass.IDENTITY),
            Map.entry("privacy_request", TableClass.IDENTITY),
            Map.entry("organization", TableClass.PLATFORM),
            Map.entry("module", TableClass.PLATFORM),
            Map.entry("feature", TableClass.PLATFORM),
            Map.entry("feature_action", TableClass.PLATFORM),
            Map.entry("catalog_view", TableClass.PLATFORM),
            Map.entry("module_feature", TableClass.PLATFORM),
            Map.entry("module_view", TableClass.PLATFORM),
            Map.entry("feature_view", TableClass.PLATFORM),
            Map.entry("menu_item", TableClass.PLATFORM),
            Map.entry("global_counter", TableClass.PLATFORM),
            Map.entry("flyway_schema_history", TableClass.METADATA));

    private TableClasses() {
    }
}
