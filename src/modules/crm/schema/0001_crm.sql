-- Interactions with customers and the staff's tasks. See src/modules/crm/README.md.
-- kind: chat (a summary), like, comment (on the customer's moments), call, note.
CREATE TABLE crm_interaction (
  id BIGINT PRIMARY KEY,
  merchant_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  staff_id BIGINT NOT NULL,
  kind TEXT NOT NULL,
  summary TEXT NOT NULL,
  happened_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX crm_interaction_of_customer ON crm_interaction (merchant_id, customer_id, happened_at);

-- A task for the customer's owner: status open or done; kind manual, care or
-- repurchase; source_key makes a generated task once per cause ('' for manual).
CREATE TABLE crm_task (
  id BIGINT PRIMARY KEY,
  merchant_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  owner_staff_id BIGINT,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  due_at BIGINT NOT NULL,
  status TEXT NOT NULL,
  done_at BIGINT,
  source_key TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX crm_task_inbox ON crm_task (merchant_id, owner_staff_id, status, due_at);
CREATE INDEX crm_task_of_customer ON crm_task (merchant_id, customer_id, status);
CREATE UNIQUE INDEX crm_task_by_source ON crm_task (merchant_id, source_key) WHERE source_key <> '';
