-- Undoes V8: drops sessions, their tokens and API keys (and their data); policies and grants go with the tables.
DROP TABLE IF EXISTS api_key_lookup;
DROP TABLE IF EXISTS api_key;
DROP TABLE IF EXISTS session_token;
DROP TABLE IF EXISTS user_session;
