-- Group buys (拼团). See src/modules/groupbuy/README.md.
-- A campaign sells a product's SKUs at group prices: groups of group_size
-- members, each open window_hours from its opening; a customer holds at most
-- per_customer_limit places in it at once. status: active or ended (no new
-- groups; open ones run to their deadline).
CREATE TABLE groupbuy_campaign (
  id BIGINT PRIMARY KEY,
  merchant_id BIGINT NOT NULL,
  product_id BIGINT NOT NULL,
  title TEXT NOT NULL,
  group_size INTEGER NOT NULL,
  window_hours INTEGER NOT NULL,
  per_customer_limit INTEGER NOT NULL,
  starts_at BIGINT NOT NULL,
  ends_at BIGINT NOT NULL,
  status TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX groupbuy_campaign_of_merchant ON groupbuy_campaign (merchant_id, id);

-- The campaign's SKUs and their group prices (fen).
CREATE TABLE groupbuy_price (
  merchant_id BIGINT NOT NULL,
  campaign_id BIGINT NOT NULL,
  sku_id BIGINT NOT NULL,
  list_price BIGINT NOT NULL,
  group_price BIGINT NOT NULL,
  PRIMARY KEY (campaign_id, sku_id)
);

-- One group: state open, filled or expired. taken counts places held or
-- paid (a join takes one with `taken < size` in the join's unit), paid the
-- places paid for; the group fills when paid reaches size.
CREATE TABLE groupbuy_group (
  id BIGINT PRIMARY KEY,
  merchant_id BIGINT NOT NULL,
  campaign_id BIGINT NOT NULL,
  leader_customer_id BIGINT NOT NULL,
  size INTEGER NOT NULL,
  taken INTEGER NOT NULL,
  paid INTEGER NOT NULL,
  state TEXT NOT NULL,
  deadline BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  closed_at BIGINT
);
CREATE INDEX groupbuy_group_of_campaign ON groupbuy_group (merchant_id, campaign_id, id);
CREATE INDEX groupbuy_group_due ON groupbuy_group (state, deadline);

-- A member is one order in one group: state held (placed, unpaid), paid,
-- refunded (the group expired after they paid) or released (their unpaid
-- order was cancelled, or the group expired before they paid).
CREATE TABLE groupbuy_member (
  merchant_id BIGINT NOT NULL,
  order_id BIGINT NOT NULL,
  group_id BIGINT NOT NULL,
  campaign_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  shown_name TEXT NOT NULL,
  leader INTEGER NOT NULL,
  state TEXT NOT NULL,
  joined_at BIGINT NOT NULL,
  paid_at BIGINT,
  closed_at BIGINT,
  PRIMARY KEY (merchant_id, order_id)
);
CREATE INDEX groupbuy_member_of_group ON groupbuy_member (group_id, joined_at);

-- Places a customer holds in a campaign (held or paid members), moved with
-- a conditional UPDATE `used < limit` in the join's unit.
CREATE TABLE groupbuy_quota (
  merchant_id BIGINT NOT NULL,
  campaign_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  used INTEGER NOT NULL,
  PRIMARY KEY (campaign_id, customer_id)
);
