-- Users' passwords (issue 16). A global identity table, like app_user: one row per user, a
-- Citus reference table. Only the hash is stored, as a PHC string (Argon2id, or a bcrypt hash
-- imported from another system until the user's next sign-in replaces it), so each hash carries
-- its own parameters. locked_until is set when wrong passwords reach the lockout limit (counted
-- in rate_limit_window). Not access data: no audit event, no revision, no notification.
CREATE TABLE password_credential (
    user_id      uuid        PRIMARY KEY REFERENCES app_user (id) ON DELETE CASCADE,
    hash         text        NOT NULL CHECK (hash ~ '^\$(argon2id|2[aby])\$' AND char_length(hash) <= 512),
    updated_at   timestamptz NOT NULL,
    locked_until timestamptz
);

-- Row level security as for the other identity tables (V12): only the library's own
-- authentication calls, in the identity scope, read or write a password; a tenant sees none,
-- not even of its own members.
ALTER TABLE password_credential ENABLE ROW LEVEL SECURITY;
ALTER TABLE password_credential FORCE ROW LEVEL SECURITY;
CREATE POLICY password_credential_select ON password_credential FOR SELECT
    USING (current_setting('iamkit.scope', true) = 'identity');
CREATE POLICY password_credential_insert ON password_credential FOR INSERT
    WITH CHECK (current_setting('iamkit.scope', true) = 'identity');
CREATE POLICY password_credential_update ON password_credential FOR UPDATE
    USING (current_setting('iamkit.scope', true) = 'identity')
    WITH CHECK (current_setting('iamkit.scope', true) = 'identity');
CREATE POLICY password_credential_delete ON password_credential FOR DELETE
    USING (current_setting('iamkit.scope', true) = 'identity');

GRANT SELECT, INSERT, UPDATE, DELETE ON password_credential TO "${appRole}";
