-- Undoes V4: drops the inclusions (and their data); the policies and grants go with the table.
DROP TABLE IF EXISTS role_inclusion;
