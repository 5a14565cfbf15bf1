-- Tag groups, tags (manual, or kept by a rule), which customers carry which
-- tag, saved segments, and per merchant the state of the rule evaluation.
CREATE TABLE tags_group (
  id ${PK},
  merchant_id BIGINT NOT NULL,
  name TEXT NOT NULL,
  choice TEXT NOT NULL,          -- single | multi: how many of its manual tags a customer may carry
  sort_order INTEGER NOT NULL,
  status TEXT NOT NULL,          -- active | archived
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX tags_group_by_merchant ON tags_group (merchant_id, sort_order, id);

CREATE TABLE tags_tag (
  id ${PK},
  merchant_id BIGINT NOT NULL,
  group_id BIGINT NOT NULL,
  name TEXT NOT NULL,
  color TEXT NOT NULL,           -- "#RRGGBB"
  kind TEXT NOT NULL,            -- manual | rule
  rule TEXT NOT NULL,            -- the rule as JSON (rules.h); '' for manual tags
  rule_version INTEGER NOT NULL, -- bumped when the rule changes
  evaluated_version INTEGER NOT NULL, -- the rule_version whose members were computed for everyone
  sort_order INTEGER NOT NULL,
  status TEXT NOT NULL,          -- active | archived
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX tags_tag_by_merchant ON tags_tag (merchant_id, group_id, sort_order, id);

-- Who carries a tag. `ordinal` is the customer's bit in the segment bitmaps.
CREATE TABLE tags_customer_tag (
  merchant_id BIGINT NOT NULL,
  tag_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  ordinal BIGINT NOT NULL,
  source TEXT NOT NULL,          -- manual | rule
  created_at BIGINT NOT NULL,
  PRIMARY KEY (merchant_id, tag_id, customer_id)
)${WITHOUT_ROWID};
CREATE INDEX tags_customer_tag_by_customer ON tags_customer_tag (merchant_id, customer_id);

CREATE TABLE tags_segment (
  id ${PK},
  merchant_id BIGINT NOT NULL,
  name TEXT NOT NULL,
  expression TEXT NOT NULL,      -- canonical JSON (expression.h)
  customer_count BIGINT NOT NULL, -- as counted when saved
  counted_at BIGINT NOT NULL,
  status TEXT NOT NULL,          -- active | archived
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX tags_segment_by_merchant ON tags_segment (merchant_id, id);

-- The rule evaluation per merchant: the RFM cut points of the last nightly
-- run and the shop day it ran for.
CREATE TABLE tags_rule_state (
  merchant_id BIGINT PRIMARY KEY,
  rfm TEXT NOT NULL,             -- JSON (rules.h RfmCuts)
  evaluated_day BIGINT NOT NULL, -- shop day (UTC+8) of the last nightly evaluation
  updated_at BIGINT NOT NULL
);
