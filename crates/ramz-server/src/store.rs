//! The database: one pool, portable SQL for SQLite and PostgreSQL.
//!
//! Every rule that must hold across server instances (attempt limits,
//! single use, replay refusal, back-off) is one conditional `UPDATE`
//! whose `WHERE` clause states the rule; the caller checks how many rows
//! it changed. Nothing is decided from a value read earlier.

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Row};

use crate::ServerError;

/// Which database the pool talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// SQLite file.
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

/// The database handle (cheap to clone).
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
}

/// A new activation row.
pub struct NewActivation<'a> {
    pub id: &'a str,
    pub issuer: &'a str,
    pub masked_card: &'a str,
    pub masked_phone: &'a str,
    pub base_url: &'a str,
    pub algorithm: &'a str,
    pub digits: i64,
    pub period: i64,
    pub server_public: &'a str,
    pub sealed_secret: &'a str,
    pub created_at: i64,
    pub expires_at: i64,
    pub attempts_left: i64,
    /// The card's grouping key ([`crate::card::card_key`]).
    pub card_key: &'a str,
}

/// An activation as stored.
#[derive(Debug, Clone)]
pub struct ActivationRow {
    pub id: String,
    pub issuer: String,
    pub masked_card: String,
    pub base_url: String,
    pub algorithm: String,
    pub digits: i64,
    pub period: i64,
    pub server_public: String,
    pub sealed_secret: Option<String>,
    pub expires_at: i64,
    pub attempts_left: i64,
    pub state: String,
    pub credential_id: Option<String>,
    pub card_key: Option<String>,
    pub end_reason: Option<String>,
}

/// A new credential row.
pub struct NewCredential<'a> {
    /// Credential id (random, base64url).
    pub id: &'a str,
    /// The activation it came from.
    pub activation_id: &'a str,
    /// Masked card number.
    pub masked_card: &'a str,
    /// `SHA1`, `SHA256` or `SHA512`.
    pub algorithm: &'a str,
    /// Code length.
    pub digits: i64,
    /// Step length, seconds.
    pub period: i64,
    /// The seed sealed under the master key.
    pub sealed_seed: &'a str,
    /// Unix time.
    pub created_at: i64,
}

/// A credential as stored.
#[derive(Debug, Clone)]
pub struct CredentialRow {
    pub algorithm: String,
    pub digits: i64,
    pub period: i64,
    pub sealed_seed: String,
    pub last_step: i64,
    pub consecutive_failures: i64,
    pub next_attempt_at: i64,
    pub disabled: i64,
}

/// A card's wrong codes within the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CardSpent {
    /// Slots spent within the window.
    pub spent: i64,
    /// When the oldest of them leaves the window (Unix time).
    pub frees_at: Option<i64>,
}

/// Result of a failed-attempt update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FailureCount {
    pub consecutive_failures: i64,
    pub disabled: bool,
    pub next_attempt_at: i64,
}

const ACTIVATION_COLUMNS: &str = "id, issuer, masked_card, base_url, algorithm, digits, period, server_public, sealed_secret, expires_at, attempts_left, state, credential_id, card_key, end_reason";

impl Store {
    /// Connects and runs the migrations. SQLite gets WAL mode and a busy
    /// timeout, so several connections (and processes) can share the file.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self, ServerError> {
        install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            return Err(ServerError::Config(
                "DATABASE_URL must start with sqlite: or postgres://",
            ));
        };
        let pool = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite {
                max_connections.min(8)
            } else {
                max_connections
            })
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        sqlx::query("PRAGMA journal_mode = WAL")
                            .execute(&mut *conn)
                            .await?;
                        sqlx::query("PRAGMA busy_timeout = 10000")
                            .execute(&mut *conn)
                            .await?;
                        sqlx::query("PRAGMA synchronous = NORMAL")
                            .execute(&mut *conn)
                            .await?;
                    }
                    Ok(())
                })
            })
            .connect(url)
            .await
            .map_err(ServerError::Database)?;
        sqlx::migrate!("./migrations")
            .run(&pool)
            .await
            .map_err(|e| ServerError::Migration(e.to_string()))?;
        Ok(Self { pool, backend })
    }

    /// Which database this is.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Closes the pool (waits for connections to be returned).
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// True when the database answers.
    pub async fn healthy(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }

    /// Stores a new pending activation and, in the same transaction,
    /// ends the card's pending ones (`cancelled`, reason `replaced`; or
    /// `expired`). Returns how many it cancelled. Two creations for one
    /// card racing on two instances cannot both stay pending: the unique
    /// index on pending rows per card makes the later one retry, and its
    /// retry cancels the earlier one.
    pub async fn insert_activation(&self, a: &NewActivation<'_>) -> Result<u64, ServerError> {
        let mut last = None;
        for _ in 0..5 {
            match self.try_insert_activation(a).await {
                Ok(n) => return Ok(n),
                Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                    last = Some(sqlx::Error::Database(e));
                }
                Err(e) => return Err(e.into()),
            }
        }
        Err(last.map_or(ServerError::Config("activation insert"), Into::into))
    }

    async fn try_insert_activation(&self, a: &NewActivation<'_>) -> Result<u64, sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        let cancelled = sqlx::query(
            "UPDATE ramz_activations SET \
             state = CASE WHEN expires_at <= $2 THEN 'expired' ELSE 'cancelled' END, \
             end_reason = CASE WHEN expires_at <= $2 THEN NULL ELSE 'replaced' END, \
             sealed_secret = NULL WHERE card_key = $1 AND state = 'pending'",
        )
        .bind(a.card_key)
        .bind(a.created_at)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        sqlx::query(
            "INSERT INTO ramz_activations (id, issuer, masked_card, masked_phone, base_url, algorithm, digits, period, \
             server_public, sealed_secret, created_at, expires_at, attempts_left, state, card_key) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'pending', $14)",
        )
        .bind(a.id)
        .bind(a.issuer)
        .bind(a.masked_card)
        .bind(a.masked_phone)
        .bind(a.base_url)
        .bind(a.algorithm)
        .bind(a.digits)
        .bind(a.period)
        .bind(a.server_public)
        .bind(a.sealed_secret)
        .bind(a.created_at)
        .bind(a.expires_at)
        .bind(a.attempts_left)
        .bind(a.card_key)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(cancelled)
    }

    /// Makes sure the card has `limit` attempt slots (idempotent).
    pub async fn ensure_card_slots(&self, card_key: &str, limit: u32) -> Result<(), ServerError> {
        if limit == 0 {
            return Ok(());
        }
        let values: Vec<String> = (0..limit).map(|i| format!("($1, {i}, 0)")).collect();
        sqlx::query(&format!(
            "INSERT INTO ramz_card_attempts (card_key, slot, used_at) VALUES {} ON CONFLICT DO NOTHING",
            values.join(", ")
        ))
        .bind(card_key)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Wrong codes spent on the card within the window, and when the
    /// oldest of them leaves it.
    pub async fn card_spent(
        &self,
        card_key: &str,
        now: i64,
        window: i64,
        limit: u32,
    ) -> Result<CardSpent, ServerError> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS n, MIN(used_at) AS oldest FROM ramz_card_attempts \
             WHERE card_key = $1 AND slot < $2 AND used_at > $3",
        )
        .bind(card_key)
        .bind(i64::from(limit))
        .bind(now - window)
        .fetch_one(&self.pool)
        .await?;
        let spent: i64 = row.try_get("n")?;
        let oldest: Option<i64> = row.try_get("oldest")?;
        Ok(CardSpent {
            spent,
            frees_at: oldest.map(|o| o + window),
        })
    }

    /// Takes one of the card's attempt slots *before* a code is checked
    /// (like [`Store::reserve_attempt`]); `None` when the card has none
    /// left in the window (locked). Each round reads a free slot and
    /// claims it with a conditional `UPDATE`; losing a race to another
    /// request means that request took a slot, so the next round reads
    /// again.
    pub async fn reserve_card_slot(
        &self,
        card_key: &str,
        now: i64,
        window: i64,
        limit: u32,
    ) -> Result<Option<i64>, ServerError> {
        for _ in 0..(limit as usize * 2 + 8) {
            let free = sqlx::query(
                "SELECT slot FROM ramz_card_attempts WHERE card_key = $1 AND slot < $2 AND used_at <= $3 \
                 ORDER BY used_at, slot LIMIT 1",
            )
            .bind(card_key)
            .bind(i64::from(limit))
            .bind(now - window)
            .fetch_optional(&self.pool)
            .await?;
            let Some(free) = free else {
                return Ok(None);
            };
            let slot: i64 = free.try_get("slot")?;
            let n = sqlx::query(
                "UPDATE ramz_card_attempts SET used_at = $4 \
                 WHERE card_key = $1 AND slot = $2 AND used_at <= $3",
            )
            .bind(card_key)
            .bind(slot)
            .bind(now - window)
            .bind(now)
            .execute(&self.pool)
            .await?
            .rows_affected();
            if n == 1 {
                return Ok(Some(slot));
            }
        }
        Ok(None)
    }

    /// Gives back a slot taken at `taken_at` (the code was right, or no
    /// code was checked).
    pub async fn release_card_slot(
        &self,
        card_key: &str,
        slot: i64,
        taken_at: i64,
    ) -> Result<(), ServerError> {
        sqlx::query(
            "UPDATE ramz_card_attempts SET used_at = 0 WHERE card_key = $1 AND slot = $2 AND used_at = $3",
        )
        .bind(card_key)
        .bind(slot)
        .bind(taken_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Burns a pending activation because its card is locked.
    pub async fn burn_card_locked(&self, id: &str) -> Result<(), ServerError> {
        sqlx::query(
            "UPDATE ramz_activations SET state = 'burned', end_reason = 'card_locked', sealed_secret = NULL \
             WHERE id = $1 AND state = 'pending'",
        )
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Reads an activation.
    pub async fn activation(&self, id: &str) -> Result<Option<ActivationRow>, ServerError> {
        let row = sqlx::query(&format!(
            "SELECT {ACTIVATION_COLUMNS} FROM ramz_activations WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(ActivationRow {
                id: r.try_get("id")?,
                issuer: r.try_get("issuer")?,
                masked_card: r.try_get("masked_card")?,
                base_url: r.try_get("base_url")?,
                algorithm: r.try_get("algorithm")?,
                digits: r.try_get("digits")?,
                period: r.try_get("period")?,
                server_public: r.try_get("server_public")?,
                sealed_secret: r.try_get("sealed_secret")?,
                expires_at: r.try_get("expires_at")?,
                attempts_left: r.try_get("attempts_left")?,
                state: r.try_get("state")?,
                credential_id: r.try_get("credential_id")?,
                card_key: r.try_get("card_key")?,
                end_reason: r.try_get("end_reason")?,
            })
        })
        .transpose()
    }

    /// Takes one attempt from a pending, unexpired activation *before* its
    /// MAC is checked, so at most `attempts` codes are ever tested, however
    /// many requests race. Returns the attempts left after this one, or
    /// `None` when no attempt could be taken.
    pub async fn reserve_attempt(&self, id: &str, now: i64) -> Result<Option<i64>, ServerError> {
        let row = sqlx::query(
            "UPDATE ramz_activations SET attempts_left = attempts_left - 1 \
             WHERE id = $1 AND state = 'pending' AND attempts_left > 0 AND expires_at > $2 RETURNING attempts_left",
        )
        .bind(id)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row
            .map(|r| r.try_get::<i64, _>("attempts_left"))
            .transpose()?)
    }

    /// Burns an activation whose last attempt failed; deletes its secrets.
    pub async fn burn(&self, id: &str) -> Result<(), ServerError> {
        sqlx::query("UPDATE ramz_activations SET state = 'burned', end_reason = 'wrong_codes', sealed_secret = NULL WHERE id = $1 AND state = 'pending' AND attempts_left = 0")
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Marks an expired pending activation and deletes its secrets.
    pub async fn expire(&self, id: &str, now: i64) -> Result<(), ServerError> {
        sqlx::query("UPDATE ramz_activations SET state = 'expired', sealed_secret = NULL WHERE id = $1 AND state = 'pending' AND expires_at <= $2")
            .bind(id)
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Completes a pending activation and stores its credential, in one
    /// transaction. `false` when another request completed it first.
    pub async fn complete(
        &self,
        activation_id: &str,
        c: &NewCredential<'_>,
    ) -> Result<bool, ServerError> {
        let mut tx = self.pool.begin().await?;
        let claimed = sqlx::query(
            "UPDATE ramz_activations SET state = 'completed', sealed_secret = NULL, credential_id = $2 WHERE id = $1 AND state = 'pending'",
        )
        .bind(activation_id)
        .bind(c.id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if claimed != 1 {
            tx.rollback().await?;
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO ramz_credentials (id, activation_id, masked_card, algorithm, digits, period, sealed_seed, \
             last_step, consecutive_failures, next_attempt_at, disabled, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, -1, 0, 0, 0, $8)",
        )
        .bind(c.id)
        .bind(c.activation_id)
        .bind(c.masked_card)
        .bind(c.algorithm)
        .bind(c.digits)
        .bind(c.period)
        .bind(c.sealed_seed)
        .bind(c.created_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Reads a credential.
    pub async fn credential(&self, id: &str) -> Result<Option<CredentialRow>, ServerError> {
        let row = sqlx::query(
            "SELECT algorithm, digits, period, sealed_seed, last_step, consecutive_failures, next_attempt_at, disabled \
             FROM ramz_credentials WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(CredentialRow {
                algorithm: r.try_get("algorithm")?,
                digits: r.try_get("digits")?,
                period: r.try_get("period")?,
                sealed_seed: r.try_get("sealed_seed")?,
                last_step: r.try_get("last_step")?,
                consecutive_failures: r.try_get("consecutive_failures")?,
                next_attempt_at: r.try_get("next_attempt_at")?,
                disabled: r.try_get("disabled")?,
            })
        })
        .transpose()
    }

    /// Accepts `step` if it is later than every step accepted before, the
    /// credential is enabled and not in back-off. `false` otherwise.
    pub async fn accept_step(&self, id: &str, step: i64, now: i64) -> Result<bool, ServerError> {
        let n = sqlx::query(
            "UPDATE ramz_credentials SET last_step = $1, consecutive_failures = 0, next_attempt_at = 0 \
             WHERE id = $2 AND last_step < $1 AND disabled = 0 AND next_attempt_at <= $3",
        )
        .bind(step)
        .bind(id)
        .bind(now)
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(n == 1)
    }

    /// Counts a failed attempt: from the `backoff_after`-th consecutive
    /// failure on, the next attempt waits `(n - backoff_after + 1) * 2`
    /// seconds; the `disable_after`-th disables the credential. `None` when
    /// the credential is disabled or in back-off (nothing counted).
    pub async fn record_failure(
        &self,
        id: &str,
        now: i64,
        backoff_after: i64,
        disable_after: i64,
    ) -> Result<Option<FailureCount>, ServerError> {
        let row = sqlx::query(
            "UPDATE ramz_credentials SET consecutive_failures = consecutive_failures + 1, \
             next_attempt_at = CASE WHEN consecutive_failures + 1 >= $3 THEN $2 + (consecutive_failures + 2 - $3) * 2 ELSE 0 END, \
             disabled = CASE WHEN consecutive_failures + 1 >= $4 THEN 2 ELSE disabled END \
             WHERE id = $1 AND disabled = 0 AND next_attempt_at <= $2 \
             RETURNING consecutive_failures, disabled, next_attempt_at",
        )
        .bind(id)
        .bind(now)
        .bind(backoff_after)
        .bind(disable_after)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(FailureCount {
                consecutive_failures: r.try_get("consecutive_failures")?,
                disabled: r.try_get::<i64, _>("disabled")? != 0,
                next_attempt_at: r.try_get("next_attempt_at")?,
            })
        })
        .transpose()
    }

    /// Revokes a credential. `false` if there is no such credential.
    pub async fn revoke(&self, id: &str) -> Result<bool, ServerError> {
        let n = sqlx::query("UPDATE ramz_credentials SET disabled = 1 WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?
            .rows_affected();
        Ok(n == 1)
    }

    /// Inserts a credential directly (load benchmark set-up only).
    #[doc(hidden)]
    pub async fn insert_credential_for_bench(
        &self,
        c: &NewCredential<'_>,
    ) -> Result<(), ServerError> {
        sqlx::query(
            "INSERT INTO ramz_credentials (id, activation_id, masked_card, algorithm, digits, period, sealed_seed, \
             last_step, consecutive_failures, next_attempt_at, disabled, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, -1, 0, 0, 0, $8)",
        )
        .bind(c.id)
        .bind(c.activation_id)
        .bind(c.masked_card)
        .bind(c.algorithm)
        .bind(c.digits)
        .bind(c.period)
        .bind(c.sealed_seed)
        .bind(c.created_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
