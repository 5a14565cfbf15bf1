-- Units of a purchased line refunded since (a refund before shipping, a
-- return): what the customer kept is quantity - returned.
ALTER TABLE customers_purchase ADD COLUMN returned INTEGER NOT NULL DEFAULT 0;
