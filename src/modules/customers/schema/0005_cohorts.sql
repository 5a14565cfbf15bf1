-- The growth report's referred versus not referred customers of a period
-- (CustomerService::CohortsOf): one range of this index, which holds every
-- column the report reads.
CREATE INDEX customers_customer_by_created ON customers_customer
  (merchant_id, created_at, referrer_id, orders_count, spent_total, merged_into);
-- The referral forest's edges (ScanReferrals): only the customers who were
-- referred or merged, with every column read, in id order.
CREATE INDEX customers_customer_referrals ON customers_customer
  (merchant_id, id, referrer_id, merged_into, spent_total, first_order_at)
  WHERE referrer_id IS NOT NULL OR merged_into IS NOT NULL;
