-- The role applications connect through: it owns nothing, cannot bypass row level security and
-- holds only what the store needs. A host grants it to its login role:
--     GRANT ${appRole} TO my_app_login;
-- Creating it needs CREATEROLE; it is shared by every schema that names it.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${appRole}') THEN
        CREATE ROLE "${appRole}" NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA "${flyway:defaultSchema}" TO "${appRole}";

GRANT SELECT, INSERT, UPDATE, DELETE ON
    organization, app_user, module, feature, feature_action, catalog_view,
    module_feature, module_view, feature_view,
    org_counter, entitlement, membership, team, team_member, role,
    feature_grant, view_grant, user_assignment, team_assignment
    TO "${appRole}";

-- The store checks at startup that the schema is at the version it needs.
GRANT SELECT ON "${flyway:table}" TO "${appRole}";

-- The audit trail is append-only for applications.
GRANT SELECT, INSERT ON audit_event TO "${appRole}";
