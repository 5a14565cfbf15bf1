-- The account that paid (a gateway's payer id, e.g. WeChat Pay's openid),
-- when the gateway names it: share vouchers are redeemed once per payment
-- account (src/modules/vouchers).
ALTER TABLE payment_payment ADD COLUMN payer TEXT NOT NULL DEFAULT '';
