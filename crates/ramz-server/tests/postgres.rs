//! Two server instances on one PostgreSQL: attempt limits, single use,
//! replay refusal and back-off must hold across instances under
//! concurrency.
//!
//! PostgreSQL comes from `RAMZ_TEST_DATABASE_URL`, else `DATABASE_URL` (if
//! it is a postgres URL), else `postgres://root@127.0.0.1:5432/test` or
//! `postgres://postgres@127.0.0.1:5432/test`. Each run works in its own
//! schema, dropped afterwards, so parallel runs do not collide. Without a
//! reachable PostgreSQL these tests print SKIPPED and pass, except under
//! `CI=true`, where they fail.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

mod common;

use std::sync::Barrier;

use common::pg::Schema;
use common::{CARD, T0, TOKEN, TestServer, code_now, http};
use ramz_activation::{ActivationOffer, ClientActivation};
use ramz_server::Clock;
use sqlx::Connection;

/// Two instances sharing one database (and one outbox and clock).
fn two_instances(test: &str) -> Option<(Schema, tempfile::TempDir, TestServer, TestServer)> {
    let schema = Schema::create(test)?;
    let dir = tempfile::tempdir().unwrap();
    let clock = Clock::manual(T0);
    let a = TestServer::start(&schema.setup(&clock, dir.path()));
    let b = TestServer::start(&schema.setup(&clock, dir.path()));
    Some((schema, dir, a, b))
}

/// Runs `n` copies of `f(i)` at once (after a barrier) and collects them.
fn race<T: Send>(n: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let barrier = Barrier::new(n);
    std::thread::scope(|sc| {
        let hs: Vec<_> = (0..n)
            .map(|i| {
                let (f, barrier) = (&f, &barrier);
                sc.spawn(move || {
                    barrier.wait();
                    f(i)
                })
            })
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).collect()
    })
}

#[test]
fn duplicate_completions_and_verifications_across_instances_have_one_winner() {
    let Some((_schema, _dir, a, b)) = two_instances("dup") else {
        return;
    };
    let servers = [&a, &b];
    for round in 0..5 {
        let created = servers[round % 2].create_activation(CARD);
        let id = created["activation_id"].as_str().unwrap().to_owned();
        let offer = ActivationOffer::parse(created["qr_payload"].as_str().unwrap()).unwrap();
        let (pending, req) = ClientActivation::start_random(offer, &a.sms_code(&id)).unwrap();
        let path = req
            .url
            .split_once("/v1/")
            .map(|(_, p)| format!("/v1/{p}"))
            .unwrap();
        let results = race(12, |i| {
            servers[i % 2].request(
                "POST",
                &path,
                None,
                Some("application/json"),
                Some(req.body.clone()),
            )
        });
        let statuses: Vec<u16> = results.iter().map(|r| r.0).collect();
        assert_eq!(
            statuses.iter().filter(|s| **s == 200).count(),
            1,
            "round {round}: {statuses:?}"
        );
        assert!(
            statuses.iter().all(|s| *s == 200 || *s == 409),
            "round {round}: {statuses:?}"
        );
        let winner = results.iter().find(|r| r.0 == 200).unwrap();
        let card = pending.finish(200, &winner.1, a.clock.now()).unwrap();
        let cred = b
            .get(&format!("/v1/backoffice/activations/{id}"), Some(TOKEN))
            .1["credential_id"]
            .as_str()
            .unwrap()
            .to_owned();

        let code = code_now(&card, &a);
        let answers = race(12, |i| servers[i % 2].verify(&cred, &code));
        let valid = answers
            .iter()
            .filter(|(s, v)| *s == 200 && v["valid"] == true)
            .count();
        let replayed = answers
            .iter()
            .filter(|(s, v)| *s == 200 && v["reason"] == "replayed")
            .count();
        assert_eq!((valid, replayed), (1, 11), "round {round}: {answers:?}");
        a.clock.advance(60);
    }
}

#[test]
fn activation_attempts_hold_across_instances() {
    let Some((_schema, _dir, a, b)) = two_instances("attempts") else {
        return;
    };
    let servers = [&a, &b];
    let created = a.create_activation(CARD);
    let id = created["activation_id"].as_str().unwrap().to_owned();
    let right: u32 = a.sms_code(&id).parse().unwrap();
    let offer = ActivationOffer::parse(created["qr_payload"].as_str().unwrap()).unwrap();
    // Ten different wrong codes at once, on both instances.
    let reqs: Vec<_> = (1..=10)
        .map(|k| {
            ClientActivation::start_random(offer.clone(), &format!("{:04}", (right + k) % 10_000))
                .unwrap()
                .1
        })
        .collect();
    let results = race(10, |i| {
        let path = reqs[i]
            .url
            .split_once("/v1/")
            .map(|(_, p)| format!("/v1/{p}"))
            .unwrap();
        servers[i % 2]
            .request(
                "POST",
                &path,
                None,
                Some("application/json"),
                Some(reqs[i].body.clone()),
            )
            .0
    });
    assert_eq!(
        results.iter().filter(|s| **s == 401).count(),
        2,
        "exactly two 'wrong, attempts left': {results:?}"
    );
    assert_eq!(
        results.iter().filter(|s| **s == 410).count(),
        8,
        "{results:?}"
    );
    let st = b
        .get(&format!("/v1/backoffice/activations/{id}"), Some(TOKEN))
        .1;
    assert_eq!(
        (st["state"].as_str(), st["attempts_left"].as_i64()),
        (Some("burned"), Some(0))
    );
}

#[test]
fn failure_counting_and_backoff_hold_across_instances() {
    let Some((_schema, _dir, a, b)) = two_instances("backoff") else {
        return;
    };
    let servers = [&a, &b];
    let (card, cred) = a.activated();
    let good: u32 = code_now(&card, &a).parse().unwrap();
    let bad = format!("{:06}", (good + 1) % 1_000_000);
    let answers = race(16, |i| servers[i % 2].verify(&cred, &bad));
    let mut counts: Vec<i64> = answers
        .iter()
        .filter(|(s, _)| *s == 200)
        .map(|(_, v)| v["consecutive_failures"].as_i64().unwrap())
        .collect();
    counts.sort_unstable();
    assert_eq!(counts, vec![1, 2, 3, 4, 5], "{answers:?}");
    assert_eq!(answers.iter().filter(|(s, _)| *s == 429).count(), 11);
}

#[test]
fn seeds_are_sealed_in_postgres_too() {
    let Some((schema, _dir, a, _b)) = two_instances("sealed") else {
        return;
    };
    let (card, _) = a.activated();
    let url = schema.url();
    let stored: Vec<String> = schema.rt.block_on(async move {
        let mut c = sqlx::AnyConnection::connect(&url).await.unwrap();
        let rows = sqlx::query("SELECT sealed_seed FROM ramz_credentials")
            .fetch_all(&mut c)
            .await
            .unwrap();
        rows.iter()
            .map(|r| sqlx::Row::try_get::<String, _>(r, "sealed_seed").unwrap())
            .collect()
    });
    assert_eq!(stored.len(), 1);
    let clear = data_encoding::BASE64URL_NOPAD.encode(card.secret.expose_secret());
    assert!(!stored[0].contains(&clear));
    assert!(stored[0].len() > clear.len() + 40, "nonce and tag present");
    let _ = http; // shared helper used by the other files
}

/// One scalar from the test's schema.
fn scalar(schema: &Schema, sql: &str) -> i64 {
    let url = schema.url();
    let sql = sql.to_owned();
    schema.rt.block_on(async move {
        let mut c = sqlx::AnyConnection::connect(&url).await.unwrap();
        let row = sqlx::query(&sql).fetch_one(&mut c).await.unwrap();
        sqlx::Row::try_get::<i64, _>(&row, 0).unwrap()
    })
}

/// Issue 10's attack across two instances: racing creations leave one
/// pending activation per card, and racing wrong codes over many
/// restarts on both instances test exactly 10 codes for the card in all.
#[test]
fn the_card_lockout_holds_across_instances() {
    let Some((schema, _dir, a, b)) = two_instances("cardlock") else {
        return;
    };
    let servers = [&a, &b];
    let created = race(6, |i| servers[i % 2].try_create(CARD));
    assert!(created.iter().all(|(s, _)| *s == 201), "{created:?}");
    assert_eq!(
        scalar(
            &schema,
            "SELECT COUNT(*) FROM ramz_activations WHERE state = 'pending'"
        ),
        1
    );
    assert_eq!(
        scalar(
            &schema,
            "SELECT COUNT(*) FROM ramz_activations WHERE state = 'cancelled'"
        ),
        5
    );

    let mut refused = 0;
    let mut wrong_answers = 0;
    let mut last_payload = String::new();
    let mut last_id = String::new();
    for restart in 0..12 {
        let (st, created) = servers[restart % 2].try_create(CARD);
        if st == 429 {
            assert_eq!(created["error"], "card_locked");
            refused += 1;
            continue;
        }
        assert_eq!(st, 201, "{created}");
        let id = created["activation_id"].as_str().unwrap().to_owned();
        let payload = created["qr_payload"].as_str().unwrap().to_owned();
        let right: u32 = a.sms_code(&id).parse().unwrap();
        let answers = race(6, |i| {
            servers[i % 2]
                .complete_raw(&payload, &format!("{:04}", (right + 1 + i as u32) % 10_000))
        });
        for (st, body) in &answers {
            assert!(matches!(st, 401 | 410 | 429), "{st} {body}");
        }
        wrong_answers += answers.iter().filter(|(st, _)| *st == 401).count();
        (last_payload, last_id) = (payload, id);
    }
    // A code is tested only while its request holds one of the card's
    // slots, and a right code gives its slot back: the spent slots are
    // the wrong codes tested, on both instances together.
    assert_eq!(
        scalar(
            &schema,
            "SELECT COUNT(*) FROM ramz_card_attempts WHERE used_at > 0"
        ),
        10
    );
    assert!(wrong_answers <= 10, "{wrong_answers} answers 'wrong code'");
    assert!(refused >= 2, "{refused}");
    // Locked on both instances, even for the right code.
    for s in servers {
        let (st, v) = s.try_create(CARD);
        assert_eq!((st, v["error"].as_str()), (429, Some("card_locked")), "{v}");
        assert!(v["retry_after"].as_u64().unwrap() > 23 * 3600, "{v}");
    }
    // The last activation cannot be completed, even with the right code:
    // locked (429), or burned by its own wrong codes when the tenth one
    // was its third.
    let (st, v) = b.complete_raw(&last_payload, &a.sms_code(&last_id));
    let status = a.status(&last_id);
    match (st, status["reason"].as_str()) {
        (429, Some("card_locked")) => assert_eq!(v["error"], "card_locked"),
        (410, Some("wrong_codes")) => assert_eq!(v["error"], "attempts_exhausted"),
        other => panic!("{other:?}: {v} {status}"),
    }
}
