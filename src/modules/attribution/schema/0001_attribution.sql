-- Where customers and orders came from. See src/modules/attribution/README.md.

-- The merchant's key for signing share codes (HMAC-SHA256, 32 random bytes,
-- hex), made on first use. A code signed with another key does not verify.
CREATE TABLE attribution_key (
  merchant_id BIGINT NOT NULL PRIMARY KEY,
  secret TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

-- The last-touch window for orders, in days (default 7 when absent).
CREATE TABLE attribution_settings (
  merchant_id BIGINT NOT NULL PRIMARY KEY,
  window_days INTEGER NOT NULL,
  updated_at BIGINT NOT NULL
);

-- A campaign the numbers are kept for: a plain share campaign (kind
-- 'link') or a fission tool's campaign (voucher, groupbuy, presale, vote:
-- ref names the tool's own record). spend: what the merchant entered (fen).
CREATE TABLE attribution_campaign (
  merchant_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  ref TEXT NOT NULL DEFAULT '',
  spend BIGINT NOT NULL DEFAULT 0,
  archived INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (merchant_id, id)
) ${WITHOUT_ROWID};

-- A channel code (渠道活码): its QR names the code, never the target, so the
-- target path can change without reprinting. scans counts the QR's opens.
CREATE TABLE attribution_channel (
  merchant_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  target_path TEXT NOT NULL,
  spend BIGINT NOT NULL DEFAULT 0,
  scans BIGINT NOT NULL DEFAULT 0,
  archived INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (merchant_id, id)
) ${WITHOUT_ROWID};

-- A visit through a share link or a channel code: the visitor (a random id
-- the store keeps per device), the customer once known, and what the code
-- named (nothing when it was forged or altered: forged = 1).
CREATE TABLE attribution_touch (
  merchant_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  visitor TEXT NOT NULL,
  customer_id BIGINT,
  sharer_id BIGINT,
  campaign_id BIGINT,
  channel_id BIGINT,
  forged INTEGER NOT NULL DEFAULT 0,
  path TEXT NOT NULL,
  at BIGINT NOT NULL,
  PRIMARY KEY (merchant_id, id)
) ${WITHOUT_ROWID};
CREATE INDEX attribution_touch_of_visitor ON attribution_touch (merchant_id, visitor, at);
CREATE INDEX attribution_touch_of_customer ON attribution_touch (merchant_id, customer_id, at)
  WHERE customer_id IS NOT NULL;
CREATE INDEX attribution_touch_of_campaign ON attribution_touch (merchant_id, campaign_id)
  WHERE campaign_id IS NOT NULL;
CREATE INDEX attribution_touch_of_channel ON attribution_touch (merchant_id, channel_id)
  WHERE channel_id IS NOT NULL;

-- First touch: what brought a customer, kept for life (one row per customer).
CREATE TABLE attribution_acquisition (
  merchant_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  touch_id BIGINT NOT NULL,
  sharer_id BIGINT,
  campaign_id BIGINT,
  channel_id BIGINT,
  at BIGINT NOT NULL,
  PRIMARY KEY (merchant_id, customer_id)
) ${WITHOUT_ROWID};

-- Last touch: the touch an order is credited to (the visitor's or the
-- customer's latest attributed touch inside the window before the order).
CREATE TABLE attribution_order (
  merchant_id BIGINT NOT NULL,
  order_id BIGINT NOT NULL,
  visitor TEXT NOT NULL,
  customer_id BIGINT,
  touch_id BIGINT NOT NULL,
  sharer_id BIGINT,
  campaign_id BIGINT,
  channel_id BIGINT,
  total BIGINT NOT NULL,
  placed_at BIGINT NOT NULL,
  paid_at BIGINT,
  refunded BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (merchant_id, order_id)
) ${WITHOUT_ROWID};
CREATE INDEX attribution_order_of_campaign ON attribution_order (merchant_id, campaign_id)
  WHERE campaign_id IS NOT NULL;
CREATE INDEX attribution_order_of_channel ON attribution_order (merchant_id, channel_id)
  WHERE channel_id IS NOT NULL;
