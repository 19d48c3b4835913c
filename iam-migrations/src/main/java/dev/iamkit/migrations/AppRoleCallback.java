package dev.iamkit.migrations;

import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Makes the application role before version 3, the script that creates it when it is missing,
 * so that migrations of several schemas sharing a role that does not exist yet can run at once.
 * V3 creates the role after looking for it; two migrations that both look before either commits
 * both create it, and the later one failed on the role's unique name (4 of 60 first migrations,
 * run four at a time with a new role each round). Here the creation that loses that race is
 * caught, and V3 then finds the role the winner committed. V3 itself cannot change: its checksum
 * is recorded in every schema it has migrated.
 */
final class AppRoleCallback implements Callback {
    private final String appRole;   // a validated identifier (IamSchema.identifier)

    AppRoleCallback(String appRole) {
        this.appRole = appRole;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_EACH_MIGRATE && context.getMigrationInfo() != null && context.getMigrationInfo().getVersion() != null
                && "3".equals(context.getMigrationInfo().getVersion().getVersion());
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        try (Statement st = context.getConnection().createStatement()) {
            st.execute("""
                    DO $$
                    BEGIN
                        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%1$s') THEN
                            CREATE ROLE "%1$s" NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
                        END IF;
                    EXCEPTION WHEN unique_violation OR duplicate_object THEN
                        NULL;   -- a migration of another schema made it meanwhile
                    END
                    $$""".formatted(appRole));
        } catch (SQLException e) {
            throw new FlywayException("creating the application role " + appRole + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String getCallbackName() {
        return "iamkit application role";
    }
}
