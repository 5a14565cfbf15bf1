-- Old records are forgotten, oldest first (idempotency::ForgetBefore).
CREATE INDEX idempotency_record_created ON idempotency_record (created_at);
