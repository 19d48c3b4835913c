-- Menus and the navigation trail.
--
-- menu_item is the global menu definition (no org_id, like catalog_view: a Citus reference
-- table). An item with a view opens it; one without is a group. Deleting an item deletes its
-- sub-items, and deleting a view deletes the items that open it (and so their sub-items): the
-- cascades. The store refuses cycles; the CHECK refuses the shortest one. What a user sees of the
-- menu is computed from view access at each read, so no cache depends on this table and it
-- sends no notifications (unlike the catalog's triggers in V5).

CREATE TABLE menu_item (
    id         uuid    PRIMARY KEY,
    parent_id  uuid    REFERENCES menu_item (id) ON DELETE CASCADE,
    view_id    uuid    REFERENCES catalog_view (id) ON DELETE CASCADE,
    label      text    NOT NULL CHECK (char_length(label) BETWEEN 1 AND 200),
    position   integer NOT NULL CHECK (position BETWEEN -1000000 AND 1000000),
    version    bigint  NOT NULL DEFAULT 0 CHECK (version >= 0),
    CHECK (parent_id IS DISTINCT FROM id)
);
CREATE INDEX menu_item_parent ON menu_item (parent_id, position, id);
CREATE INDEX menu_item_view ON menu_item (view_id) WHERE view_id IS NOT NULL;

-- Each member's latest visit of each view in an organization: one row per (org, user, view), at
-- most Trail.CAPACITY per (org, user), kept by the statement that records a visit. seq orders a
-- user's entries by when they were recorded (the newest has the largest), which visited_at alone
-- cannot do when two visits share an instant. Not access data: no audit event, no revision.
-- Removing the membership removes the trail; deleting the view removes its entries.
CREATE TABLE trail_entry (
    org_id      uuid        NOT NULL,
    user_id     uuid        NOT NULL,
    view_id     uuid        NOT NULL REFERENCES catalog_view (id) ON DELETE CASCADE,
    visited_at  timestamptz NOT NULL,
    seq         bigint      NOT NULL CHECK (seq > 0),
    PRIMARY KEY (org_id, user_id, view_id),
    FOREIGN KEY (org_id, user_id) REFERENCES membership (org_id, user_id) ON DELETE CASCADE
);
CREATE INDEX trail_entry_recent ON trail_entry (org_id, user_id, seq DESC);
CREATE INDEX trail_entry_view ON trail_entry (view_id);

-- Tenant isolation as in V2.
ALTER TABLE trail_entry ENABLE ROW LEVEL SECURITY;
ALTER TABLE trail_entry FORCE ROW LEVEL SECURITY;
CREATE POLICY trail_entry_select ON trail_entry FOR SELECT
    USING (org_id = nullif(current_setting('iamkit.org_id', true), '')::uuid);
CREATE POLICY trail_entry_insert ON trail_entry FOR INSERT
    WITH CHECK (org_id = nullif(current_setting('iamkit.org_id', true), '')::uuid);
CREATE POLICY trail_entry_update ON trail_entry FOR UPDATE
    USING (org_id = nullif(current_setting('iamkit.org_id', true), '')::uuid)
    WITH CHECK (org_id = nullif(current_setting('iamkit.org_id', true), '')::uuid);
CREATE POLICY trail_entry_delete ON trail_entry FOR DELETE
    USING (org_id = nullif(current_setting('iamkit.org_id', true), '')::uuid);

-- The application role's rights, as in V3.
GRANT SELECT, INSERT, UPDATE, DELETE ON menu_item, trail_entry TO "${appRole}";
