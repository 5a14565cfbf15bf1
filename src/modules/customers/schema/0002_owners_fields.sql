-- Custom fields a merchant defines for its customers (a child's birth date,
-- a skin type ...), and each customer's values. kind: date, text, number,
-- choice; choices are one per line.
CREATE TABLE customers_field (
  merchant_id BIGINT NOT NULL,
  field_key TEXT NOT NULL,
  label TEXT NOT NULL,
  kind TEXT NOT NULL,
  choices TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (merchant_id, field_key)
) ${WITHOUT_ROWID};

CREATE TABLE customers_field_value (
  merchant_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  field_key TEXT NOT NULL,
  value TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (merchant_id, customer_id, field_key)
) ${WITHOUT_ROWID};

-- How new customers get an owner (mode: none, round_robin, least_loaded,
-- by_channel), the pool of staff ids in turn order (comma-separated), the
-- channel -> staff map (channel=staff per line), and the round-robin turn.
-- Every owner change of the merchant locks this row first, so capacity holds
-- under concurrency.
CREATE TABLE customers_assignment (
  merchant_id BIGINT PRIMARY KEY,
  mode TEXT NOT NULL,
  staff_ids TEXT NOT NULL DEFAULT '',
  channels TEXT NOT NULL DEFAULT '',
  turn BIGINT NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL
);

-- A staff account's friend capacity when not the default 5,000.
CREATE TABLE customers_capacity (
  merchant_id BIGINT NOT NULL,
  staff_id BIGINT NOT NULL,
  capacity BIGINT NOT NULL,
  PRIMARY KEY (merchant_id, staff_id)
) ${WITHOUT_ROWID};

-- Every change of a customer's owner: reason assigned, manual, resigned
-- (离职继承) or transferred (in service; at most 2 per 90 days).
CREATE TABLE customers_owner_change (
  id ${SEQ_PK},
  merchant_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  from_staff_id BIGINT,
  to_staff_id BIGINT,
  reason TEXT NOT NULL,
  actor TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX customers_owner_change_of_customer
  ON customers_owner_change (merchant_id, customer_id, at);
