-- Sellable units per SKU. An order's lines are its hold: creating the order
-- takes units from `available`; cancelling it or receiving returned goods
-- gives them back. The CHECK makes overselling impossible in any mode.
CREATE TABLE inventory_stock (
  sku_id ${PK},
  merchant_id BIGINT NOT NULL,
  available BIGINT NOT NULL CHECK (available >= 0),
  updated_at BIGINT NOT NULL
);
