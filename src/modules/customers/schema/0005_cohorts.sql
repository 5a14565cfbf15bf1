-- The growth report's referred versus not referred customers of a period
-- (CustomerService::CohortsOf): one range scan of this index, which holds
-- every column the report reads.
CREATE INDEX customers_customer_by_created ON customers_customer
  (merchant_id, created_at, referrer_id, orders_count, spent_total, merged_into);
