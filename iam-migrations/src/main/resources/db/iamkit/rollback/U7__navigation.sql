-- Undoes V7: drops the trail and the menu definition (and their data); policies and grants go with the tables.
DROP TABLE IF EXISTS trail_entry;
DROP TABLE IF EXISTS menu_item;
