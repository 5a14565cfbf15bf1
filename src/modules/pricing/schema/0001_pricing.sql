-- The merchant's promotions: coupons and their uses, limited-time SKU
-- discounts (限时折扣) and full reductions (满减).
CREATE TABLE pricing_coupon (
  id ${PK},
  merchant_id BIGINT NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  amount_off BIGINT NOT NULL DEFAULT 0,
  percent_off_bp BIGINT NOT NULL DEFAULT 0,
  max_off BIGINT NOT NULL DEFAULT 0,
  min_spend BIGINT NOT NULL DEFAULT 0,
  valid_from BIGINT NOT NULL,
  valid_until BIGINT NOT NULL,
  per_customer_limit BIGINT NOT NULL DEFAULT 0,
  total_quantity BIGINT NOT NULL DEFAULT 0,
  used_count BIGINT NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'active',
  created_at BIGINT NOT NULL,
  UNIQUE (merchant_id, code)
);

CREATE TABLE pricing_coupon_use (
  coupon_id BIGINT NOT NULL,
  order_id BIGINT NOT NULL,
  merchant_id BIGINT NOT NULL,
  customer_key TEXT NOT NULL,
  status TEXT NOT NULL,
  used_at BIGINT NOT NULL,
  PRIMARY KEY (coupon_id, order_id)
) ${WITHOUT_ROWID};
CREATE INDEX pricing_coupon_use_by_customer ON pricing_coupon_use (coupon_id, customer_key);

CREATE TABLE pricing_sku_discount (
  id ${PK},
  merchant_id BIGINT NOT NULL,
  sku_id BIGINT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  percent_bp BIGINT NOT NULL DEFAULT 10000,
  fixed_price BIGINT NOT NULL DEFAULT 0,
  starts_at BIGINT NOT NULL,
  ends_at BIGINT NOT NULL,
  status TEXT NOT NULL DEFAULT 'active',
  created_at BIGINT NOT NULL
);
CREATE INDEX pricing_sku_discount_by_sku ON pricing_sku_discount (merchant_id, sku_id);

CREATE TABLE pricing_full_reduction (
  id ${PK},
  merchant_id BIGINT NOT NULL,
  name TEXT NOT NULL,
  tiers TEXT NOT NULL,
  product_ids TEXT NOT NULL DEFAULT '[]',
  category_ids TEXT NOT NULL DEFAULT '[]',
  starts_at BIGINT NOT NULL,
  ends_at BIGINT NOT NULL,
  status TEXT NOT NULL DEFAULT 'active',
  created_at BIGINT NOT NULL
);
CREATE INDEX pricing_full_reduction_by_merchant ON pricing_full_reduction (merchant_id, ends_at);
