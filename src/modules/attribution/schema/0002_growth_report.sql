-- The growth report (workflows/growth/growth_report.h) over a period.

-- What a credited order's buyer was given off list price (fen): SKU, order
-- and coupon discounts plus a campaign's own price (a group-buy or voucher
-- price set on the line) below the SKU's price. Filled when the order is
-- credited (workflows::CreditPlacedOrder); 0 for orders credited before.
ALTER TABLE attribution_order ADD COLUMN discount BIGINT NOT NULL DEFAULT 0;

-- The paid credited orders of a campaign or channel code summed by the shop
-- day (China time) they were placed and the one they were paid: kept by
-- CreditOrder, MarkPaid and MarkRefunded in the unit that changes the order,
-- so a report over millions of orders reads a few thousand rows. 0: none.
CREATE TABLE attribution_order_day (
  merchant_id BIGINT NOT NULL,
  placed_day BIGINT NOT NULL,
  campaign_id BIGINT NOT NULL,
  channel_id BIGINT NOT NULL,
  paid_day BIGINT NOT NULL,
  orders BIGINT NOT NULL,
  revenue BIGINT NOT NULL,
  discount BIGINT NOT NULL,
  PRIMARY KEY (merchant_id, placed_day, campaign_id, channel_id, paid_day)
) ${WITHOUT_ROWID};
INSERT INTO attribution_order_day (merchant_id, placed_day, campaign_id, channel_id, paid_day,
    orders, revenue, discount)
  SELECT merchant_id, (placed_at + 28800000) / 86400000, COALESCE(campaign_id, 0),
    COALESCE(channel_id, 0), (paid_at + 28800000) / 86400000, COUNT(*), SUM(total - refunded),
    SUM(discount)
  FROM attribution_order WHERE paid_at IS NOT NULL
    AND (campaign_id IS NOT NULL OR channel_id IS NOT NULL)
  GROUP BY merchant_id, (placed_at + 28800000) / 86400000, COALESCE(campaign_id, 0),
    COALESCE(channel_id, 0), (paid_at + 28800000) / 86400000;

-- Visits and new customers of a period per campaign and per channel code:
-- one ordered range of an index holding the column read, so the counts are
-- grouped as they are read (these replace the narrower 0001 indexes).
DROP INDEX attribution_touch_of_campaign;
DROP INDEX attribution_touch_of_channel;
CREATE INDEX attribution_touch_of_campaign ON attribution_touch (merchant_id, campaign_id, at)
  WHERE campaign_id IS NOT NULL;
CREATE INDEX attribution_touch_of_channel ON attribution_touch (merchant_id, channel_id, at)
  WHERE channel_id IS NOT NULL;
CREATE INDEX attribution_acquisition_of_campaign ON attribution_acquisition
  (merchant_id, campaign_id, at) WHERE campaign_id IS NOT NULL;
CREATE INDEX attribution_acquisition_of_channel ON attribution_acquisition
  (merchant_id, channel_id, at) WHERE channel_id IS NOT NULL;
