-- The shipping address in parts (issue 11): the province, city and district
-- the checkout's picker (or a parsed paste) chose, and the postcode.
-- ship_region stays the province the postage rules match on; ship_address
-- stays the detail below the district. Orders placed before keep ''.
ALTER TABLE order_order ADD COLUMN ship_province TEXT NOT NULL DEFAULT '';
ALTER TABLE order_order ADD COLUMN ship_city TEXT NOT NULL DEFAULT '';
ALTER TABLE order_order ADD COLUMN ship_district TEXT NOT NULL DEFAULT '';
ALTER TABLE order_order ADD COLUMN ship_postal_code TEXT NOT NULL DEFAULT '';
