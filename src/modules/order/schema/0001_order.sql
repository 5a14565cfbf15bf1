-- Carts, orders, their lines and their trail. Indexes are what queries need
-- and no more: every index costs pages on each checkout commit.
CREATE TABLE order_cart (
  id ${PK},
  merchant_id BIGINT NOT NULL,
  secret_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE order_cart_line (
  cart_id BIGINT NOT NULL,
  sku_id BIGINT NOT NULL,
  quantity BIGINT NOT NULL,
  added_at BIGINT NOT NULL,
  PRIMARY KEY (cart_id, sku_id)
) ${WITHOUT_ROWID};

CREATE TABLE order_order (
  id ${PK},
  merchant_id BIGINT NOT NULL,
  secret_hash TEXT NOT NULL,
  status TEXT NOT NULL,
  buyer_name TEXT NOT NULL,
  buyer_phone TEXT NOT NULL,
  ship_region TEXT NOT NULL,
  ship_address TEXT NOT NULL,
  buyer_note TEXT NOT NULL DEFAULT '',
  merchandise_total BIGINT NOT NULL,
  item_discount BIGINT NOT NULL,
  order_discount BIGINT NOT NULL,
  coupon_discount BIGINT NOT NULL,
  postage BIGINT NOT NULL,
  total BIGINT NOT NULL,
  refunded_total BIGINT NOT NULL DEFAULT 0,
  coupon_id BIGINT,
  promotion_id BIGINT,
  pay_deadline BIGINT NOT NULL,
  paid_at BIGINT,
  payment_provider TEXT,
  carrier TEXT,
  tracking_no TEXT,
  shipped_at BIGINT,
  receive_deadline BIGINT,
  received_at BIGINT,
  settle_at BIGINT,
  completed_at BIGINT,
  cancelled_at BIGINT,
  cancel_reason TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX order_order_by_merchant ON order_order (merchant_id, id);
CREATE INDEX order_order_awaiting_payment ON order_order (pay_deadline) WHERE status = 'pending_payment';
CREATE INDEX order_order_awaiting_receipt ON order_order (receive_deadline) WHERE status = 'shipped';
CREATE INDEX order_order_awaiting_settlement ON order_order (settle_at) WHERE status = 'received';

CREATE TABLE order_line (
  order_id BIGINT NOT NULL,
  line_no INTEGER NOT NULL,
  merchant_id BIGINT NOT NULL,
  sku_id BIGINT NOT NULL,
  product_id BIGINT NOT NULL,
  title TEXT NOT NULL,
  spec_text TEXT NOT NULL,
  unit_price BIGINT NOT NULL,
  quantity BIGINT NOT NULL,
  item_discount BIGINT NOT NULL,
  order_discount_share BIGINT NOT NULL,
  coupon_share BIGINT NOT NULL,
  payable BIGINT NOT NULL,
  aftersales_flags INTEGER NOT NULL,
  refunded_quantity BIGINT NOT NULL DEFAULT 0,
  refunded_amount BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (order_id, line_no)
) ${WITHOUT_ROWID};

-- The trail a buyer and a merchant can both point to in a dispute.
CREATE TABLE order_event (
  order_id BIGINT NOT NULL,
  seq INTEGER NOT NULL,
  merchant_id BIGINT NOT NULL,
  at BIGINT NOT NULL,
  kind TEXT NOT NULL,
  actor TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (order_id, seq)
) ${WITHOUT_ROWID};
