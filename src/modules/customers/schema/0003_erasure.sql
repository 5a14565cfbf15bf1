-- An erasure anonymises the records merged into a customer too: found by
-- merged_into (few rows: only merged records are in this index).
CREATE INDEX customers_customer_merged ON customers_customer (merchant_id, merged_into)
  WHERE merged_into IS NOT NULL;
