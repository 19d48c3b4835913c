-- The sample's own table, beside iamkit's schema (whose migrations have run before this one).
CREATE TABLE invoice (
    org_id uuid NOT NULL,
    number integer NOT NULL,
    amount_cents bigint NOT NULL,
    PRIMARY KEY (org_id, number)
);
GRANT USAGE ON SCHEMA "${flyway:defaultSchema}" TO iamkit_app;
GRANT SELECT, INSERT ON invoice TO iamkit_app;
