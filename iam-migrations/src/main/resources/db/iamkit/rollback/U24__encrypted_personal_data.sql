-- Undoes V24. Refuses while a user is encrypted: dropping user_data_key would shred every
-- encrypted user. Decrypting is not offered; restore the users from an export first.
DO $$
BEGIN
    PERFORM set_config('iamkit.scope', 'identity', true);   -- app_user is under forced row level security
    IF EXISTS (SELECT 1 FROM app_user WHERE personal_data IS NOT NULL) THEN
        RAISE EXCEPTION 'cannot roll back V24: users are stored encrypted (app_user.personal_data); dropping user_data_key would destroy their data keys';
    END IF;
END
$$;
DROP TABLE IF EXISTS user_data_key;
ALTER TABLE app_user DROP CONSTRAINT IF EXISTS app_user_sealed;
ALTER TABLE app_user DROP COLUMN IF EXISTS personal_data;
