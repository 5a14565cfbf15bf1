-- An erasure repeated answers what the first one recorded: the newest
-- entry of an action on one record (AuditService::Latest).
CREATE INDEX audit_entry_by_subject ON audit_entry (merchant_id, subject, id);
