//! A PostgreSQL schema of its own for a test (see `tests/postgres.rs`).

use sqlx::Connection;

use super::Setup;
use ramz_server::{Clock, MasterKey};

pub struct Schema {
    pub admin_url: String,
    pub name: String,
    pub rt: tokio::runtime::Runtime,
}

impl Schema {
    /// A fresh schema, or `None` (after saying so) without PostgreSQL.
    pub fn create(test: &str) -> Option<Self> {
        sqlx::any::install_default_drivers();
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let candidates: Vec<String> = match std::env::var("RAMZ_TEST_DATABASE_URL")
            .or_else(|_| std::env::var("DATABASE_URL"))
        {
            Ok(u) if u.starts_with("postgres") => vec![u],
            _ => vec![
                "postgres://root@127.0.0.1:5432/test".into(),
                "postgres://postgres@127.0.0.1:5432/test".into(),
            ],
        };
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let name = format!(
            "ramz_t_{}_{}_{}",
            test,
            std::process::id(),
            nanos % 1_000_000_000
        );
        for url in &candidates {
            let created = rt.block_on(async {
                let mut c = sqlx::AnyConnection::connect(url).await.ok()?;
                sqlx::query(&format!("CREATE SCHEMA {name}"))
                    .execute(&mut c)
                    .await
                    .ok()?;
                Some(())
            });
            if created.is_some() {
                return Some(Self {
                    admin_url: url.clone(),
                    name,
                    rt,
                });
            }
        }
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("CI=true but no PostgreSQL reachable at {candidates:?}");
        }
        eprintln!(
            "SKIPPED PostgreSQL test `{test}`: no PostgreSQL reachable at {candidates:?} (set RAMZ_TEST_DATABASE_URL)"
        );
        None
    }

    /// The URL the servers use: same database, search_path = this schema.
    pub fn url(&self) -> String {
        let sep = if self.admin_url.contains('?') {
            '&'
        } else {
            '?'
        };
        format!(
            "{}{sep}options=-c%20search_path%3D{}",
            self.admin_url, self.name
        )
    }

    pub fn setup(&self, clock: &Clock, dir: &std::path::Path) -> Setup {
        Setup {
            database_url: self.url(),
            clock: clock.clone(),
            outbox: dir.join("outbox.jsonl"),
            master_key: MasterKey::from_bytes([7; 32]),
            verify_window: 1,
            configure: |_| {},
        }
    }
}

impl Drop for Schema {
    fn drop(&mut self) {
        let (url, name) = (self.admin_url.clone(), self.name.clone());
        self.rt.block_on(async move {
            if let Ok(mut c) = sqlx::AnyConnection::connect(&url).await {
                let _ = sqlx::query(&format!("DROP SCHEMA {name} CASCADE"))
                    .execute(&mut c)
                    .await;
            }
        });
    }
}
