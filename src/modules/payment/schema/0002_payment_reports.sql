-- The console's dashboard sums a shop's payments and refunds per day over
-- the last 30 days (payment_reports.cc): without these it would read every
-- shop's payments. Payments are written when a buyer pays, not at checkout,
-- so the checkout's commits carry no extra index page.
CREATE INDEX payment_payment_by_merchant_confirmed ON payment_payment (merchant_id, confirmed_at);
CREATE INDEX payment_refund_by_merchant ON payment_refund (merchant_id, created_at);
-- The console's callback log, a shop's newest first.
CREATE INDEX payment_callback_log_by_merchant ON payment_callback_log (merchant_id, id);
