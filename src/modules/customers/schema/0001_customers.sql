-- A merchant's customers: one record per person, found again by any of
-- their identities (phone, WeChat openid/unionid, Taobao Wangwang id), with
-- the facts segments and reminders read. See src/modules/customers/README.md.
CREATE TABLE customers_customer (
  id BIGINT PRIMARY KEY,
  merchant_id BIGINT NOT NULL,
  -- Dense per merchant from 1: the customer's bit in segment bitmaps
  -- (CRoaring holds 32-bit values; a merchant stays far below 2^31).
  ordinal INTEGER NOT NULL,
  display_name TEXT NOT NULL DEFAULT '',
  remark_name TEXT NOT NULL DEFAULT '',  -- the staff's name for them
  phone TEXT NOT NULL DEFAULT '',        -- an 11-digit mobile, '' when unknown
  gender TEXT NOT NULL DEFAULT 'unknown',  -- unknown, female, male
  birthday TEXT NOT NULL DEFAULT '',     -- YYYY-MM-DD, or ''
  province TEXT NOT NULL DEFAULT '',
  city TEXT NOT NULL DEFAULT '',
  district TEXT NOT NULL DEFAULT '',
  channel TEXT NOT NULL DEFAULT '',      -- what brought them (first touch, for life)
  referrer_id BIGINT,                    -- the customer who brought them (first touch)
  owner_staff_id BIGINT,                 -- the staff member they belong to
  stage TEXT NOT NULL DEFAULT 'acquired',  -- lifecycle, derived from events
  orders_count INTEGER NOT NULL DEFAULT 0,   -- paid orders
  spent_total BIGINT NOT NULL DEFAULT 0,     -- fen paid, less refunds
  first_order_at BIGINT,
  last_order_at BIGINT,
  merged_into BIGINT,                    -- set on a record merged into another
  erased_at BIGINT,                      -- personal data erased (PIPL); orders kept
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX customers_customer_by_ordinal ON customers_customer (merchant_id, ordinal);
CREATE INDEX customers_customer_by_merchant ON customers_customer (merchant_id, id);
CREATE INDEX customers_customer_by_owner ON customers_customer (merchant_id, owner_staff_id, id);

-- The next ordinal of each merchant (an upsert takes it, so concurrent
-- creations queue on the merchant's row instead of colliding).
CREATE TABLE customers_counter (
  merchant_id BIGINT PRIMARY KEY,
  next_ordinal BIGINT NOT NULL
);

-- How a customer is recognised: at most one customer per (kind, value).
-- kind: phone, wechat_openid, wechat_unionid, taobao_wangwang.
CREATE TABLE customers_identity (
  merchant_id BIGINT NOT NULL,
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  customer_id BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (merchant_id, kind, value)
) ${WITHOUT_ROWID};
CREATE INDEX customers_identity_of_customer ON customers_identity (customer_id);

-- Orders (and their lines) that belong to a customer: what they bought, as
-- the facts for tags, stages and repurchase reminders.
CREATE TABLE customers_order (
  merchant_id BIGINT NOT NULL,
  order_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  total BIGINT NOT NULL,
  paid_at BIGINT,
  refunded BIGINT NOT NULL DEFAULT 0,
  placed_at BIGINT NOT NULL,
  PRIMARY KEY (merchant_id, order_id)
) ${WITHOUT_ROWID};
CREATE INDEX customers_order_of_customer ON customers_order (merchant_id, customer_id, placed_at);

CREATE TABLE customers_purchase (
  merchant_id BIGINT NOT NULL,
  order_id BIGINT NOT NULL,
  line_no INTEGER NOT NULL,
  customer_id BIGINT NOT NULL,
  product_id BIGINT NOT NULL,
  sku_id BIGINT NOT NULL,
  category_id BIGINT,
  quantity INTEGER NOT NULL,
  paid_at BIGINT NOT NULL,
  PRIMARY KEY (merchant_id, order_id, line_no)
) ${WITHOUT_ROWID};
CREATE INDEX customers_purchase_of_customer ON customers_purchase (merchant_id, customer_id, paid_at);

-- Merges: the record merged away, the one kept, why, and by whom.
CREATE TABLE customers_merge (
  merchant_id BIGINT NOT NULL,
  merged_id BIGINT NOT NULL,
  kept_id BIGINT NOT NULL,
  reason TEXT NOT NULL,
  actor TEXT NOT NULL,
  at BIGINT NOT NULL,
  PRIMARY KEY (merchant_id, merged_id)
) ${WITHOUT_ROWID};
