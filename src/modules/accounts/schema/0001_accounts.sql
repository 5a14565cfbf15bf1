-- A customer's account in a store: sign-in sessions and the address book.
-- See src/modules/accounts/README.md. customer_id is a customers_customer id.

-- Customer session tokens ("wsc_…"), stored only as their SHA-256.
CREATE TABLE accounts_session (
  token_hash TEXT PRIMARY KEY,
  id BIGINT NOT NULL,
  merchant_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  method TEXT NOT NULL,     -- sms_code, wechat
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  revoked_at BIGINT
);

-- Saved delivery addresses; at most one is_default per customer. Deleting
-- one archives it (archived_at), business records are never hard-deleted.
CREATE TABLE accounts_address (
  id BIGINT PRIMARY KEY,
  merchant_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  name TEXT NOT NULL,
  phone TEXT NOT NULL,
  province TEXT NOT NULL,
  city TEXT NOT NULL DEFAULT '',
  district TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL,   -- below the district: street, building, room
  postal_code TEXT NOT NULL DEFAULT '',
  is_default INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  archived_at BIGINT
);
CREATE INDEX accounts_address_of_customer ON accounts_address (merchant_id, customer_id, id);
