-- The audit log of sensitive actions (merges, handovers, exports, erasures):
-- who did what to which record, with the details as JSON. Append-only; the
-- owner reads it. See src/modules/audit/README.md.
CREATE TABLE audit_entry (
  id ${SEQ_PK},
  merchant_id BIGINT NOT NULL,
  actor_staff_id BIGINT,
  action TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT '{}',
  at BIGINT NOT NULL
);
CREATE INDEX audit_entry_by_merchant ON audit_entry (merchant_id, id);
