-- Text messages and one-time sign-in codes. See src/modules/sms/README.md.

-- What the sandbox provider "sent": read by the console's sandbox page and
-- the tests instead of a phone. Real providers keep no copy here.
CREATE TABLE sms_message (
  id BIGINT PRIMARY KEY,
  merchant_id BIGINT NOT NULL,
  phone TEXT NOT NULL,
  template TEXT NOT NULL,   -- e.g. sign_in_code
  text TEXT NOT NULL,       -- the message as the phone would show it
  sent_at BIGINT NOT NULL
);
CREATE INDEX sms_message_by_merchant ON sms_message (merchant_id, id);

-- One-time codes, never in plain text: code_hash is HMAC-SHA256 under the
-- merchant's code key (sms_account) of "<id>:<code>".
CREATE TABLE sms_code (
  id BIGINT PRIMARY KEY,
  merchant_id BIGINT NOT NULL,
  phone TEXT NOT NULL,
  purpose TEXT NOT NULL,    -- sign_in
  code_hash TEXT NOT NULL,
  tries INTEGER NOT NULL DEFAULT 0,  -- wrong tries so far
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT
);
CREATE INDEX sms_code_by_phone ON sms_code (merchant_id, phone, purpose, created_at);

-- The merchant's key for hashing codes, made on first use.
CREATE TABLE sms_account (
  merchant_id BIGINT PRIMARY KEY,
  code_key TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
