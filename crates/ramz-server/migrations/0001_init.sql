-- Portable SQL: runs unchanged on SQLite and PostgreSQL. Integers are
-- BIGINT, booleans are BIGINT 0/1, bytes are base64url TEXT.

CREATE TABLE ramz_activations (
    id TEXT PRIMARY KEY,
    issuer TEXT NOT NULL,
    masked_card TEXT NOT NULL,
    masked_phone TEXT NOT NULL,
    base_url TEXT NOT NULL,
    algorithm TEXT NOT NULL,
    digits BIGINT NOT NULL,
    period BIGINT NOT NULL,
    server_public TEXT NOT NULL,
    -- Sealed (activation X25519 secret || SMS code); NULL once the
    -- activation is completed, burned or expired.
    sealed_secret TEXT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    attempts_left BIGINT NOT NULL,
    -- pending | completed | burned | expired
    state TEXT NOT NULL,
    credential_id TEXT
);

CREATE TABLE ramz_credentials (
    id TEXT PRIMARY KEY,
    activation_id TEXT NOT NULL,
    masked_card TEXT NOT NULL,
    algorithm TEXT NOT NULL,
    digits BIGINT NOT NULL,
    period BIGINT NOT NULL,
    -- Sealed seed (XChaCha20-Poly1305 under the master key).
    sealed_seed TEXT NOT NULL,
    -- Highest time step ever accepted (RFC 6238 section 5.2); -1 = none.
    last_step BIGINT NOT NULL,
    consecutive_failures BIGINT NOT NULL,
    -- Unix time before which attempts are refused (growing back-off).
    next_attempt_at BIGINT NOT NULL,
    -- 0 active, 1 revoked, 2 disabled after too many failures.
    disabled BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE INDEX ramz_credentials_activation ON ramz_credentials (activation_id);
