-- The application's own first migration. It reads iamkit's tables, so it can only succeed once
-- iamkit's migrations have run: the starter runs them before the application's Flyway.
CREATE TABLE invoice (org_id uuid NOT NULL, id integer NOT NULL, PRIMARY KEY (org_id, id));
CREATE VIEW invoice_org AS SELECT i.id, o.slug FROM invoice i JOIN "${iamkitSchema}".organization o ON o.id = i.org_id;
GRANT USAGE ON SCHEMA "${flyway:defaultSchema}" TO iamkit_app;
GRANT SELECT, INSERT, DELETE ON invoice TO iamkit_app;
