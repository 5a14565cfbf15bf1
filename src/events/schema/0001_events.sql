-- Domain events, written in the unit of work of the change that caused them
-- (the transactional outbox), and each handler's progress through them.
-- See docs/events.md and src/events/README.md.
CREATE TABLE events_outbox (
  seq ${SEQ_PK},
  tx_id ${TXID},
  merchant_id BIGINT NOT NULL,
  kind TEXT NOT NULL,
  version INTEGER NOT NULL,
  subject TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

-- How far each handler has gone: every event up to `position` was handled,
-- passed by (not its kind), or parked.
CREATE TABLE events_cursor (
  handler TEXT PRIMARY KEY,
  position BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

-- Events a handler failed on, and those of the same merchant queued behind
-- them so each merchant's events still reach the handler in order.
-- state: retrying (the merchant's first; next try at next_attempt_at),
-- blocked (waits for an earlier one), dead (gave up; replay by hand).
CREATE TABLE events_parked (
  handler TEXT NOT NULL,
  seq BIGINT NOT NULL,
  merchant_id BIGINT NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  next_attempt_at BIGINT NOT NULL,
  last_error TEXT NOT NULL,
  parked_at BIGINT NOT NULL,
  PRIMARY KEY (handler, seq)
) ${WITHOUT_ROWID};
CREATE INDEX events_parked_by_merchant ON events_parked (handler, merchant_id, seq);
