-- A host application's own first version, numbered as iamkit's first is.
CREATE TABLE orders (id bigint PRIMARY KEY, org_id uuid NOT NULL, total numeric(12, 2) NOT NULL);
