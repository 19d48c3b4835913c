-- The application's own table; its Flyway runs after iamkit's migrations.
CREATE TABLE report (org_id uuid NOT NULL, id integer NOT NULL, PRIMARY KEY (org_id, id));
GRANT USAGE ON SCHEMA "${flyway:defaultSchema}" TO iamkit_app;
GRANT SELECT, INSERT ON report TO iamkit_app;
