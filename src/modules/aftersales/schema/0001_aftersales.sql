-- After-sales requests (售后) and the order lines each one covers.
CREATE TABLE aftersales_request (
  id ${PK},
  merchant_id BIGINT NOT NULL,
  order_id BIGINT NOT NULL,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  reason TEXT NOT NULL,
  buyer_note TEXT NOT NULL DEFAULT '',
  refuse_reason TEXT NOT NULL DEFAULT '',
  refund_amount BIGINT NOT NULL DEFAULT 0,
  refund_postage BIGINT NOT NULL DEFAULT 0,
  return_carrier TEXT NOT NULL DEFAULT '',
  return_tracking_no TEXT NOT NULL DEFAULT '',
  replacement_carrier TEXT NOT NULL DEFAULT '',
  replacement_tracking_no TEXT NOT NULL DEFAULT '',
  decided_by BIGINT,
  decided_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX aftersales_request_by_order ON aftersales_request (order_id);
CREATE INDEX aftersales_request_by_merchant ON aftersales_request (merchant_id, id);

CREATE TABLE aftersales_line (
  request_id BIGINT NOT NULL,
  line_no INTEGER NOT NULL,
  merchant_id BIGINT NOT NULL,
  sku_id BIGINT NOT NULL,
  quantity BIGINT NOT NULL,
  amount BIGINT NOT NULL,
  PRIMARY KEY (request_id, line_no)
) ${WITHOUT_ROWID};
