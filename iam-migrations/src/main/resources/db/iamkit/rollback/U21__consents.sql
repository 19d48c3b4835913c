-- Undoes V21: drops consent decisions and the privacy request log (and their data); policies and grants go with the tables.
DROP TABLE IF EXISTS privacy_request;
DROP TABLE IF EXISTS consent;
