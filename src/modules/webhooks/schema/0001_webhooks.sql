-- The merchant's webhook endpoints, one delivery per (endpoint, event), and
-- every attempt with what the endpoint answered.
CREATE TABLE webhooks_endpoint (
  id ${PK},
  merchant_id BIGINT NOT NULL,
  url TEXT NOT NULL,
  description TEXT NOT NULL,
  kinds TEXT NOT NULL,          -- JSON array of event kinds
  secret TEXT NOT NULL,         -- HMAC-SHA256 key; shown to the merchant
  status TEXT NOT NULL,         -- active | disabled
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX webhooks_endpoint_by_merchant ON webhooks_endpoint (merchant_id, id);

CREATE TABLE webhooks_delivery (
  id ${PK},
  merchant_id BIGINT NOT NULL,
  endpoint_id BIGINT NOT NULL,
  event_seq BIGINT NOT NULL,
  kind TEXT NOT NULL,
  body TEXT NOT NULL,           -- exactly what is POSTed (and signed)
  status TEXT NOT NULL,         -- pending | delivered | failed
  attempts INTEGER NOT NULL,
  next_attempt_at BIGINT NOT NULL,
  last_status INTEGER,          -- HTTP status of the last attempt
  last_error TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  delivered_at BIGINT,
  UNIQUE (endpoint_id, event_seq)
);
CREATE INDEX webhooks_delivery_due ON webhooks_delivery (status, next_attempt_at);
CREATE INDEX webhooks_delivery_by_endpoint ON webhooks_delivery (endpoint_id, id);

CREATE TABLE webhooks_attempt (
  id ${PK},
  merchant_id BIGINT NOT NULL,
  delivery_id BIGINT NOT NULL,
  at BIGINT NOT NULL,
  http_status INTEGER,          -- null when no answer came
  response TEXT NOT NULL,       -- the first 2 KB of the answer's body
  error TEXT NOT NULL,          -- connection or timeout error, or ''
  duration_ms BIGINT NOT NULL
);
CREATE INDEX webhooks_attempt_by_delivery ON webhooks_attempt (delivery_id, id);
