-- The first answer to every creating request, by its Idempotency-Key.
CREATE TABLE idempotency_record (
  merchant_id BIGINT NOT NULL,
  scope TEXT NOT NULL,
  idem_key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (merchant_id, scope, idem_key)
) ${WITHOUT_ROWID};
