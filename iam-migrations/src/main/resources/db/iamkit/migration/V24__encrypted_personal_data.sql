-- Users' e-mail and display name encrypted at rest (PersonalDataCipher), when the host configures
-- master keys. A sealed row keeps in app_user.email the blind index of the e-mail (the hex
-- HMAC-SHA-256 of the lower-cased address, as '<hex>@blind-index.invalid'), so the unique index
-- app_user_email_live and exact lookups work unchanged, and in display_name a placeholder; the
-- AES-256-GCM ciphertext of both is personal_data. A row written while encryption was off keeps
-- personal_data NULL and its plain values.
ALTER TABLE app_user ADD COLUMN personal_data bytea CHECK (octet_length(personal_data) BETWEEN 29 AND 4096);
ALTER TABLE app_user ADD CONSTRAINT app_user_sealed
    CHECK (personal_data IS NULL OR (email LIKE '%@blind-index.invalid' AND display_name = '(encrypted)'));

-- Each sealed user's data key, wrapped (AES-256-GCM) under the host's master key named by
-- master_key_id. Deleting the row shreds the user's personal data: every copy of the ciphertext,
-- in this database or in a backup taken after the delete, can no longer be read. A global
-- identity table like password_credential (V20); removed with the user when a purge deletes it.
CREATE TABLE user_data_key (
    user_id        uuid  PRIMARY KEY REFERENCES app_user (id) ON DELETE CASCADE,
    master_key_id  text  NOT NULL CHECK (master_key_id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    wrapped_key    bytea NOT NULL CHECK (octet_length(wrapped_key) BETWEEN 29 AND 256)
);
-- A rotation finds the keys still wrapped under an older master key.
CREATE INDEX user_data_key_master ON user_data_key (master_key_id, user_id);

ALTER TABLE user_data_key ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_data_key FORCE ROW LEVEL SECURITY;
CREATE POLICY user_data_key_select ON user_data_key FOR SELECT
    USING (current_setting('iamkit.scope', true) = 'identity');
CREATE POLICY user_data_key_insert ON user_data_key FOR INSERT
    WITH CHECK (current_setting('iamkit.scope', true) = 'identity');
CREATE POLICY user_data_key_update ON user_data_key FOR UPDATE
    USING (current_setting('iamkit.scope', true) = 'identity')
    WITH CHECK (current_setting('iamkit.scope', true) = 'identity');
CREATE POLICY user_data_key_delete ON user_data_key FOR DELETE
    USING (current_setting('iamkit.scope', true) = 'identity');

GRANT SELECT, INSERT, UPDATE, DELETE ON user_data_key TO "${appRole}";
