-- Payments and refunds through providers, and every callback received.
CREATE TABLE payment_account (
  merchant_id ${PK},
  sandbox_secret TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE TABLE payment_payment (
  id ${PK},
  merchant_id BIGINT NOT NULL,
  order_id BIGINT NOT NULL,
  provider TEXT NOT NULL,
  amount BIGINT NOT NULL,
  status TEXT NOT NULL,
  method TEXT NOT NULL DEFAULT '',
  reference TEXT NOT NULL DEFAULT '',
  confirmed_by BIGINT,
  confirmed_at BIGINT,
  refunded BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX payment_payment_by_order ON payment_payment (order_id);

CREATE TABLE payment_refund (
  id ${PK},
  merchant_id BIGINT NOT NULL,
  payment_id BIGINT NOT NULL,
  order_id BIGINT NOT NULL,
  amount BIGINT NOT NULL,
  reason TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE TABLE payment_callback_log (
  id ${PK},
  merchant_id BIGINT NOT NULL,
  provider TEXT NOT NULL,
  payload TEXT NOT NULL,
  signature_ok INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  received_at BIGINT NOT NULL
);
