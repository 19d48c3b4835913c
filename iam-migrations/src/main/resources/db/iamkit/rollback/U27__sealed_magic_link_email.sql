-- Undoes V27. Refuses while a challenge is sealed: dropping sealed_email would leave it naming
-- only a blind index, which no mail can be sent to and no export can show. Wait for the sealed
-- challenges to expire and run cleanup (or delete them) first.
DO $$
BEGIN
    PERFORM set_config('iamkit.scope', 'identity', true);   -- magic_link_challenge is under forced row level security
    IF EXISTS (SELECT 1 FROM magic_link_challenge WHERE sealed_email IS NOT NULL) THEN
        RAISE EXCEPTION 'cannot roll back V27: magic-link challenges are stored encrypted (magic_link_challenge.sealed_email); let them expire and run cleanup first';
    END IF;
END
$$;
ALTER TABLE magic_link_challenge DROP CONSTRAINT IF EXISTS magic_link_challenge_sealed;
ALTER TABLE magic_link_challenge DROP COLUMN IF EXISTS master_key_id;
ALTER TABLE magic_link_challenge DROP COLUMN IF EXISTS sealed_email;
