-- A magic-link challenge's e-mail encrypted at rest when the host configures master keys
-- (PersonalDataCipher), as users' are since V24. A challenge may name an address that is no user
-- yet, so it has no data key: the address is sealed (AES-256-GCM) under a key HKDF derives from
-- the master key named by master_key_id, with the challenge id as associated data. email then
-- holds the address's blind index ('<hex>@blind-index.invalid', the same function as
-- app_user.email), so a user's challenges are still found by e-mail (anonymize, the export). A
-- challenge written while encryption was off keeps both columns NULL and its plain address.
ALTER TABLE magic_link_challenge ADD COLUMN sealed_email bytea CHECK (octet_length(sealed_email) BETWEEN 29 AND 1024);
ALTER TABLE magic_link_challenge ADD COLUMN master_key_id text CHECK (master_key_id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$');
ALTER TABLE magic_link_challenge ADD CONSTRAINT magic_link_challenge_sealed
    CHECK ((sealed_email IS NULL) = (master_key_id IS NULL)
           AND (sealed_email IS NULL OR email LIKE '%@blind-index.invalid'));
