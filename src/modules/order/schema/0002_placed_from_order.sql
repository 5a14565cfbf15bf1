-- An order's trail starts with "placed", which is the order row itself
-- (created_at, by the buyer): OrderService::Events reads it from there, so
-- checkout writes one row fewer. The rows written before are redundant.
DELETE FROM order_event WHERE seq = 1 AND kind = 'placed';
