-- Wrong SMS codes counted per card across activations (issue 10).
-- Portable SQL: runs unchanged on SQLite and PostgreSQL.

-- HMAC-SHA256 of the full card number under a key derived from the
-- master key (base64url); NULL on rows created before this migration.
ALTER TABLE ramz_activations ADD COLUMN card_key TEXT;
-- Why an activation ended without completing: wrong_codes, card_locked,
-- replaced (a newer activation for the card), or NULL.
ALTER TABLE ramz_activations ADD COLUMN end_reason TEXT;

-- At most one pending activation per card: a new one cancels the others
-- in the same transaction, and two racing creations cannot both stay.
CREATE UNIQUE INDEX ramz_activations_one_pending_per_card
    ON ramz_activations (card_key) WHERE state = 'pending';

-- The card's attempt slots: `card_failure_limit` rows per card, each
-- holding the Unix time it was last spent (0 = never). An attempt takes a
-- slot spent before the window with one conditional UPDATE; a right code
-- gives its slot back. No free slot: the card is locked until the oldest
-- slot leaves the window.
CREATE TABLE ramz_card_attempts (
    card_key TEXT NOT NULL,
    slot BIGINT NOT NULL,
    used_at BIGINT NOT NULL,
    PRIMARY KEY (card_key, slot)
);
