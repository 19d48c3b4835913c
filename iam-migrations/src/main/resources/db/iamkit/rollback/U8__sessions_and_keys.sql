-- Undoes V8: drops sessions and their tokens (and their data); grants go with the tables.
DROP TABLE IF EXISTS session_token;
DROP TABLE IF EXISTS user_session;
