-- Tenant isolation a second time, in the database: every tenant table shows and accepts only
-- the rows of the organization named by the transaction-local setting iamkit.org_id.
-- No setting, or an empty one (what a finished transaction leaves behind), means no rows; a
-- malformed one fails the cast, so it is an error, never rows. The policy has no sub-select:
-- Citus rejects sub-selects in policies of distributed tables.
-- FORCE makes the policies apply to the table owner too; only referential actions (cascades)
-- run past them, which is how deleting a catalog entry reaches every organization's grants.

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['org_counter', 'entitlement', 'membership', 'team', 'team_member', 'role',
                             'feature_grant', 'view_grant', 'user_assignment', 'team_assignment', 'audit_event']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY %I ON %I FOR SELECT
                           USING (org_id = nullif(current_setting('iamkit.org_id', true), '')::uuid)$p$, t || '_select', t);
        EXECUTE format($p$CREATE POLICY %I ON %I FOR INSERT
                           WITH CHECK (org_id = nullif(current_setting('iamkit.org_id', true), '')::uuid)$p$, t || '_insert', t);
        EXECUTE format($p$CREATE POLICY %I ON %I FOR UPDATE
                           USING (org_id = nullif(current_setting('iamkit.org_id', true), '')::uuid)
                           WITH CHECK (org_id = nullif(current_setting('iamkit.org_id', true), '')::uuid)$p$, t || '_update', t);
        EXECUTE format($p$CREATE POLICY %I ON %I FOR DELETE
                           USING (org_id = nullif(current_setting('iamkit.org_id', true), '')::uuid)$p$, t || '_delete', t);
    END LOOP;
END
$$;
