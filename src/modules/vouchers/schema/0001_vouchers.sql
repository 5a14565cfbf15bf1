-- Share vouchers (分享券). See src/modules/vouchers/README.md.
-- A campaign gives each paying buyer per_buyer vouchers to pass on; a friend
-- who is new to the shop claims one and buys the campaign's SKU at `price`
-- (a trial price, 0 for a free item, or list_price less an amount off) on
-- their first order. budget caps the benefit given (list_price - price per
-- redemption, fen; NULL: no cap), spent counts it (reserved when the
-- friend's order is placed, given back if it is cancelled unpaid).
-- max_generations: the deepest generation that still receives vouchers
-- (0: no limit). status: active or ended.
CREATE TABLE vouchers_campaign (
  id BIGINT PRIMARY KEY,
  merchant_id BIGINT NOT NULL,
  title TEXT NOT NULL,
  product_id BIGINT NOT NULL,
  sku_id BIGINT NOT NULL,
  benefit TEXT NOT NULL,
  list_price BIGINT NOT NULL,
  price BIGINT NOT NULL,
  per_buyer INTEGER NOT NULL,
  max_generations INTEGER NOT NULL,
  voucher_days INTEGER NOT NULL,
  budget BIGINT,
  spent BIGINT NOT NULL,
  growth_campaign_id BIGINT,
  starts_at BIGINT NOT NULL,
  ends_at BIGINT NOT NULL,
  status TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX vouchers_campaign_of_merchant ON vouchers_campaign (merchant_id, id);

-- Who holds vouchers of a campaign to pass on: once per customer per
-- campaign. generation 0: a buyer who paid without a voucher (a seed);
-- g: a friend who redeemed a voucher of generation g.
CREATE TABLE vouchers_holder (
  merchant_id BIGINT NOT NULL,
  campaign_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  generation INTEGER NOT NULL,
  giver_id BIGINT,
  source_order_id BIGINT NOT NULL,
  issued INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (campaign_id, customer_id)
);
CREATE INDEX vouchers_holder_of_customer ON vouchers_holder (merchant_id, customer_id);

-- One voucher: available (to pass on) -> claimed (a friend holds it) ->
-- used (their order placed at the campaign's price) -> redeemed (paid);
-- used -> claimed when that order is cancelled unpaid; available or claimed
-- -> voided by the merchant. generation = the giver's generation + 1.
-- token: the unguessable key its link carries. The friend's fingerprints
-- (phone, device, address, payer) are kept for the merchant's cluster flags.
-- voided_at on a used or redeemed voucher: the merchant voided it after the
-- order; the friend gets no vouchers from it.
CREATE TABLE vouchers_voucher (
  id BIGINT PRIMARY KEY,
  merchant_id BIGINT NOT NULL,
  campaign_id BIGINT NOT NULL,
  token TEXT NOT NULL,
  giver_id BIGINT NOT NULL,
  generation INTEGER NOT NULL,
  state TEXT NOT NULL,
  friend_id BIGINT,
  order_id BIGINT,
  phone TEXT NOT NULL DEFAULT '',
  device TEXT NOT NULL DEFAULT '',
  address_key TEXT NOT NULL DEFAULT '',
  payer TEXT NOT NULL DEFAULT '',
  blocked TEXT NOT NULL DEFAULT '',
  issued_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  claimed_at BIGINT,
  redeemed_at BIGINT,
  voided_at BIGINT,
  void_reason TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX vouchers_voucher_token ON vouchers_voucher (merchant_id, token);
CREATE INDEX vouchers_voucher_of_campaign ON vouchers_voucher (merchant_id, campaign_id, id);
CREATE INDEX vouchers_voucher_of_giver ON vouchers_voucher (merchant_id, giver_id, id);
CREATE INDEX vouchers_voucher_of_friend ON vouchers_voucher (merchant_id, friend_id);
CREATE INDEX vouchers_voucher_of_order ON vouchers_voucher (merchant_id, order_id);

-- What has redeemed a voucher of a campaign once, by kind (customer, phone,
-- device, address, payer): inserted in the unit that claims, orders or
-- pays, so a second voucher of the same campaign by the same person, phone,
-- device, address or payment account conflicts on both engines.
CREATE TABLE vouchers_mark (
  merchant_id BIGINT NOT NULL,
  campaign_id BIGINT NOT NULL,
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  voucher_id BIGINT NOT NULL,
  PRIMARY KEY (campaign_id, kind, value)
);
CREATE INDEX vouchers_mark_of_voucher ON vouchers_mark (voucher_id);
