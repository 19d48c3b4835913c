-- Undoes V9: drops usage counters, rate-limit windows and magic-link challenges (and their data); policies and grants go with the tables.
DROP TABLE IF EXISTS usage_counter;
DROP TABLE IF EXISTS rate_limit_window;
DROP TABLE IF EXISTS magic_link_challenge;
