-- Undoes V20: drops users' passwords; policies and grants go with the table.
DROP TABLE IF EXISTS password_credential;
