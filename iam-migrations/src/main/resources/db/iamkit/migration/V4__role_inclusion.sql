-- Role inheritance: a role includes other roles of its organization, and whoever holds it holds
-- their grants too, transitively. The store refuses cycles (a role including itself through
-- others); the CHECK refuses the shortest one. Deleting either role removes the inclusion.

CREATE TABLE role_inclusion (
    org_id            uuid NOT NULL,
    role_id           uuid NOT NULL,
    included_role_id  uuid NOT NULL,
    PRIMARY KEY (org_id, role_id, included_role_id),
    FOREIGN KEY (org_id, role_id) REFERENCES role (org_id, id) ON DELETE CASCADE,
    FOREIGN KEY (org_id, included_role_id) REFERENCES role (org_id, id) ON DELETE CASCADE,
    CHECK (role_id <> included_role_id)
);
CREATE INDEX role_inclusion_included ON role_inclusion (org_id, included_role_id);

-- Tenant isolation as in V2.
ALTER TABLE role_inclusion ENABLE ROW LEVEL SECURITY;
ALTER TABLE role_inclusion FORCE ROW LEVEL SECURITY;
CREATE POLICY role_inclusion_select ON role_inclusion FOR SELECT
    USING (org_id = nullif(current_setting('iamkit.org_id', true), '')::uuid);
CREATE POLICY role_inclusion_insert ON role_inclusion FOR INSERT
    WITH CHECK (org_id = nullif(current_setting('iamkit.org_id', true), '')::uuid);
CREATE POLICY role_inclusion_update ON role_inclusion FOR UPDATE
    USING (org_id = nullif(current_setting('iamkit.org_id', true), '')::uuid)
    WITH CHECK (org_id = nullif(current_setting('iamkit.org_id', true), '')::uuid);
CREATE POLICY role_inclusion_delete ON role_inclusion FOR DELETE
    USING (org_id = nullif(current_setting('iamkit.org_id', true), '')::uuid);

-- The application role's rights, as in V3.
GRANT SELECT, INSERT, UPDATE, DELETE ON role_inclusion TO "${appRole}";
