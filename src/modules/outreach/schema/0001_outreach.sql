-- Outreach: campaigns to saved segments, one delivery per customer per
-- campaign, the contact ledger, opt-outs, spam reports and the merchant's
-- contact policy. See src/modules/outreach/README.md.

-- A campaign. kind: promotional | service; channels: "message" or
-- "message,sms" (the store message centre always); status: scheduled |
-- sending | sent | cancelled. send_at is scheduled_at moved to the end of
-- quiet hours; owner_scope is set when a staff member made it (their own
-- customers only).
CREATE TABLE outreach_campaign (
  id BIGINT PRIMARY KEY,
  merchant_id BIGINT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  product_id BIGINT,
  segment_id BIGINT NOT NULL,
  kind TEXT NOT NULL,
  channels TEXT NOT NULL,
  status TEXT NOT NULL,
  scheduled_at BIGINT NOT NULL,
  send_at BIGINT NOT NULL,
  owner_scope BIGINT,
  created_by BIGINT NOT NULL,
  audience BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  sent_at BIGINT
);
CREATE INDEX outreach_campaign_by_merchant ON outreach_campaign (merchant_id, id);
CREATE INDEX outreach_campaign_due ON outreach_campaign (status, send_at);

-- What a campaign did for one customer, once (the unique key makes a retry
-- or a second node harmless). outcome: sent | skipped; reason (skipped):
-- opted_out | budget_gap | budget_month | erased | merged; sms: sent |
-- no_phone | '' (no SMS asked, or skipped). A sent row is a message in the
-- customer's store message centre (read_at once read).
CREATE TABLE outreach_delivery (
  id BIGINT PRIMARY KEY,
  merchant_id BIGINT NOT NULL,
  campaign_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  outcome TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  sms TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  read_at BIGINT
);
CREATE UNIQUE INDEX outreach_delivery_once ON outreach_delivery (merchant_id, campaign_id, customer_id);
CREATE INDEX outreach_delivery_inbox ON outreach_delivery (merchant_id, customer_id, outcome, id);

-- The contact ledger: every message that reached a customer, of every kind
-- and source ("campaign:cmp_…"), once per source. Promotional rows are what
-- the contact budget counts.
CREATE TABLE outreach_contact (
  id BIGINT PRIMARY KEY,
  merchant_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  kind TEXT NOT NULL,
  source TEXT NOT NULL,
  channels TEXT NOT NULL,
  contacted_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX outreach_contact_once ON outreach_contact (merchant_id, customer_id, source);
CREATE INDEX outreach_contact_of_customer ON outreach_contact (merchant_id, customer_id, contacted_at);

-- A customer's choice about promotions (1: never send them any).
CREATE TABLE outreach_optout (
  merchant_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  opted_out INTEGER NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (merchant_id, customer_id)
);

-- Staff's record that a customer blocked (blocked) or deleted (deleted)
-- them after a campaign: the cost of the campaign in goodwill.
CREATE TABLE outreach_spam (
  id BIGINT PRIMARY KEY,
  merchant_id BIGINT NOT NULL,
  campaign_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  kind TEXT NOT NULL,
  staff_id BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX outreach_spam_once ON outreach_spam (merchant_id, campaign_id, customer_id, kind);

-- The merchant's contact policy; none: the defaults (outreach.h, Policy).
-- Minutes are of the shop's day (UTC+8); quiet_start = quiet_end: none.
CREATE TABLE outreach_policy (
  merchant_id BIGINT PRIMARY KEY,
  gap_days INTEGER NOT NULL,
  monthly_cap INTEGER NOT NULL,
  quiet_start INTEGER NOT NULL,
  quiet_end INTEGER NOT NULL,
  updated_at BIGINT NOT NULL
);
