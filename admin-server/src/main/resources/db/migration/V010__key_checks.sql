-- A value sealed with the webhook secret key at the first start, so a server holding another key
-- (a second server on a shared database without a copy of webhook-secret.key, or a lost key file)
-- is found at start-up instead of at the first delivery it cannot sign.
CREATE TABLE key_checks (
    name   TEXT PRIMARY KEY,
    sealed TEXT NOT NULL
);
