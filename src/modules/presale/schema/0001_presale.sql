-- Pre-sales (预售) by interest. See src/modules/presale/README.md.
-- A pre-sale sells a product's SKUs before the stock exists: interest from
-- interest_starts_at, orders in order_starts_at..order_ends_at (full payment,
-- or a deposit per unit with the balance asked for in
-- balance_starts_at..balance_ends_at), shipping from ship_at. quantity (NULL:
-- no cap) bounds sold, the units live orders hold: taken with a conditional
-- UPDATE `sold + n <= quantity`. interest_count and paid_orders are the
-- numbers of the stock recommendation. status: active or closed.
CREATE TABLE presale_sale (
  id BIGINT PRIMARY KEY,
  merchant_id BIGINT NOT NULL,
  product_id BIGINT NOT NULL,
  title TEXT NOT NULL,
  image_url TEXT NOT NULL,
  deposit BIGINT,
  quantity BIGINT,
  per_customer_limit INTEGER NOT NULL,
  sold BIGINT NOT NULL,
  interest_count BIGINT NOT NULL,
  paid_orders BIGINT NOT NULL,
  interest_starts_at BIGINT NOT NULL,
  order_starts_at BIGINT NOT NULL,
  order_ends_at BIGINT NOT NULL,
  balance_starts_at BIGINT,
  balance_ends_at BIGINT,
  ship_at BIGINT NOT NULL,
  settled_at BIGINT NOT NULL,
  candidate_id BIGINT,
  status TEXT NOT NULL,
  balance_notice_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX presale_sale_of_merchant ON presale_sale (merchant_id, id);
CREATE INDEX presale_sale_balance_due ON presale_sale (balance_starts_at);

-- Its SKUs and their pre-sale prices (fen).
CREATE TABLE presale_price (
  merchant_id BIGINT NOT NULL,
  presale_id BIGINT NOT NULL,
  sku_id BIGINT NOT NULL,
  list_price BIGINT NOT NULL,
  price BIGINT NOT NULL,
  PRIMARY KEY (presale_id, sku_id)
);

-- One interest per customer per pre-sale (the key makes a repeat a no-op):
-- kind like or reservation.
CREATE TABLE presale_interest (
  merchant_id BIGINT NOT NULL,
  presale_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  kind TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (presale_id, customer_id)
);
CREATE INDEX presale_interest_of_customer ON presale_interest (merchant_id, customer_id);

-- A pre-sale order: payment full or deposit; state held, paid, deposit_paid,
-- balance_paid, released (balance unpaid, deposit refunded) or cancelled.
-- balance_order_id: the order that asks for the balance (it takes no stock).
CREATE TABLE presale_order (
  merchant_id BIGINT NOT NULL,
  order_id BIGINT NOT NULL,
  presale_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  sku_id BIGINT NOT NULL,
  quantity BIGINT NOT NULL,
  payment TEXT NOT NULL,
  state TEXT NOT NULL,
  balance_order_id BIGINT,
  created_at BIGINT NOT NULL,
  paid_at BIGINT,
  balance_paid_at BIGINT,
  closed_at BIGINT,
  PRIMARY KEY (merchant_id, order_id)
);
CREATE INDEX presale_order_of_sale ON presale_order (presale_id, created_at);
CREATE INDEX presale_order_of_customer ON presale_order (presale_id, customer_id);
CREATE INDEX presale_order_balance ON presale_order (merchant_id, balance_order_id);
CREATE INDEX presale_order_state ON presale_order (state, presale_id);
