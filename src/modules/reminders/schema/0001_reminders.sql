-- Repurchase reminders and care plans. See src/modules/reminders/README.md.

-- A product's consumption cycle: how many days one unit lasts, and how many
-- days before a customer runs out their owner is reminded.
CREATE TABLE reminders_cycle (
  merchant_id BIGINT NOT NULL,
  product_id BIGINT NOT NULL,
  cycle_days INTEGER NOT NULL,
  lead_days INTEGER NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (merchant_id, product_id)
) ${WITHOUT_ROWID};

-- One row per customer x product with a cycle: the current cycle (started by
-- the purchase paid at cycle_start), when the supply runs out, when the
-- reminder is due (runs_out_at - lead) and until when it is worth sending
-- (window_end = runs_out_at + lead). state: waiting (reminder not sent yet),
-- reminded, lapsed (its window passed before it was sent).
CREATE TABLE reminders_supply (
  merchant_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  product_id BIGINT NOT NULL,
  cycle_start BIGINT NOT NULL,
  runs_out_at BIGINT NOT NULL,
  due_at BIGINT NOT NULL,
  window_end BIGINT NOT NULL,
  purchases INTEGER NOT NULL,
  last_paid_at BIGINT NOT NULL,
  state TEXT NOT NULL,
  PRIMARY KEY (merchant_id, customer_id, product_id)
) ${WITHOUT_ROWID};
CREATE INDEX reminders_supply_due ON reminders_supply (due_at) WHERE state = 'waiting';
CREATE INDEX reminders_supply_of_product ON reminders_supply (merchant_id, product_id);

-- A reminder sent (a crm task made) for one cycle, and whether the customer
-- bought the product again inside its window [due_at, window_end].
CREATE TABLE reminders_sent (
  merchant_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  product_id BIGINT NOT NULL,
  cycle_start BIGINT NOT NULL,
  task_id BIGINT NOT NULL,
  due_at BIGINT NOT NULL,
  runs_out_at BIGINT NOT NULL,
  window_end BIGINT NOT NULL,
  sent_at BIGINT NOT NULL,
  followed_at BIGINT,
  PRIMARY KEY (merchant_id, customer_id, product_id, cycle_start)
) ${WITHOUT_ROWID};
CREATE INDEX reminders_sent_of_product ON reminders_sent (merchant_id, product_id);

-- A merchant's care plans: kind birthday, milestone (a date custom field:
-- field_key; ages in months: milestones, comma-separated) or delivery
-- (a follow-up after the buyer received an order). days: before the date
-- (birthday, milestone) or after the receipt (delivery).
CREATE TABLE reminders_care_plan (
  merchant_id BIGINT NOT NULL,
  kind TEXT NOT NULL,
  enabled INTEGER NOT NULL,
  days INTEGER NOT NULL,
  field_key TEXT NOT NULL DEFAULT '',
  milestones TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (merchant_id, kind)
) ${WITHOUT_ROWID};

-- The customers' dates the plans look at, kept from customer.changed:
-- source 'birthday' or 'field:<key>' (a date custom field); day YYYY-MM-DD,
-- month_day MM-DD.
CREATE TABLE reminders_care_date (
  merchant_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  source TEXT NOT NULL,
  day TEXT NOT NULL,
  month_day TEXT NOT NULL,
  PRIMARY KEY (merchant_id, customer_id, source)
) ${WITHOUT_ROWID};
CREATE INDEX reminders_care_date_by_month_day ON reminders_care_date (merchant_id, source, month_day);
CREATE INDEX reminders_care_date_by_day ON reminders_care_date (merchant_id, source, day);

-- The last shop day (days since 1970, UTC+8) the care job handled per merchant.
CREATE TABLE reminders_care_run (
  merchant_id BIGINT NOT NULL PRIMARY KEY,
  last_day BIGINT NOT NULL
);
