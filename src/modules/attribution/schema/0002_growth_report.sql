-- The growth report (workflows/growth/growth_report.h) over a period.

-- What a credited order's buyer was given off list price (fen): SKU, order
-- and coupon discounts plus a campaign's own price (a group-buy or voucher
-- price set on the line) below the SKU's list price. Filled when the order
-- is credited (workflows::CreditPlacedOrder); 0 for orders credited before.
ALTER TABLE attribution_order ADD COLUMN discount BIGINT NOT NULL DEFAULT 0;

-- The report reads each table once over its period: these indexes hold
-- every column it reads, so a period is one range scan of an index.
CREATE INDEX attribution_order_by_placed ON attribution_order
  (merchant_id, placed_at, campaign_id, channel_id, paid_at, total, refunded, discount);
CREATE INDEX attribution_touch_by_time ON attribution_touch
  (merchant_id, at, campaign_id, channel_id);
CREATE INDEX attribution_acquisition_by_time ON attribution_acquisition
  (merchant_id, at, campaign_id, channel_id);
