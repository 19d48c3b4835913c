-- Undoes V14: drops the idempotency keys (keyed work then runs again when repeated); policies and grants go with the table.
DROP TABLE IF EXISTS idempotency_key;
