-- An erased customer's sessions are signed out together (AccountService::Forget).
CREATE INDEX accounts_session_of_customer ON accounts_session (merchant_id, customer_id);
