//! Budgets of the app core (issue 12): a tick with 100 accounts
//! (≤ 50 µs) and `view()` of a 100-account list (the list redraws every
//! second; the Kotlin budget of 1 ms includes this).
//!
//! Run: `cargo bench -p ramz-app --bench app`

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use ramz_app::{App, Destination, Effect, Event, Field, SecretField, VaultPlace};
use ramz_core::{SoftwareKeystore, VaultConfig};

const T0: u64 = 1_800_000_010;

fn send(app: &mut App, e: Event) {
    for effect in app.update(e) {
        if let Effect::Work(w) = effect {
            w.run();
            send(app, Event::WorkDone(w));
        }
    }
}

fn app_with_accounts(dir: &std::path::Path, lang: &str, n: usize) -> App {
    let place = VaultPlace::file(
        PathBuf::from(dir).join("vault.ramz"),
        Arc::new(SoftwareKeystore::from_key([7; 32])),
        VaultConfig::insecure_for_tests(),
    );
    let mut app = App::new(place);
    send(
        &mut app,
        Event::Start {
            unix: T0,
            device_language: lang.into(),
            settings: None,
            biometrics_available: false,
        },
    );
    send(&mut app, Event::Submit);
    for _ in 0..2 {
        send(
            &mut app,
            Event::PinText {
                bytes: b"480913".to_vec(),
            },
        );
    }
    for i in 0..n {
        send(&mut app, Event::Navigate(Destination::ManualEntry));
        send(
            &mut app,
            Event::Edit {
                field: Field::Issuer,
                text: format!("Service {i}"),
            },
        );
        send(
            &mut app,
            Event::Edit {
                field: Field::Account,
                text: format!("user{i}@example.com"),
            },
        );
        // Distinct 160-bit secrets; periods 30 and 60 like a real list.
        let secret = data_encoding::BASE32_NOPAD.encode(&[(i % 251) as u8 + 1; 20]);
        send(
            &mut app,
            Event::EditSecret {
                field: SecretField::Secret,
                bytes: secret.into_bytes(),
            },
        );
        if i % 3 == 0 {
            send(&mut app, Event::Choose(ramz_app::Choice::Advanced(true)));
            send(
                &mut app,
                Event::Edit {
                    field: Field::Period,
                    text: "60".into(),
                },
            );
        }
        send(&mut app, Event::Submit);
    }
    app
}

fn budgets(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    for lang in ["fa", "en"] {
        let sub = dir.path().join(lang);
        std::fs::create_dir_all(&sub).unwrap();
        let mut app = app_with_accounts(&sub, lang, 100);
        send(&mut app, Event::Tick { unix: T0 });
        match app.view().screen {
            ramz_app::Screen::Codes(v) => assert_eq!(v.rows.len(), 100),
            other => panic!("not on the list: {other:?}"),
        }
        // Within one step, every next code ready: seconds only.
        send(&mut app, Event::Tick { unix: T0 + 1 });
        c.bench_function(&format!("tick_100_accounts_same_step_{lang}"), |b| {
            b.iter(|| {
                black_box(app.update(Event::Tick {
                    unix: black_box(T0 + 1),
                }))
            });
        });
        // The tick at a step's end (T0 = 10 s into a 30-s step): every
        // 30-s row's code becomes its next code.
        let boundary = T0 + 20;
        c.bench_function(&format!("tick_100_accounts_step_end_{lang}"), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    // Untimed: back in time recomputes all, nexts ready.
                    send(&mut app, Event::Tick { unix: boundary - 1 });
                    let start = Instant::now();
                    black_box(app.update(Event::Tick { unix: boundary }));
                    total += start.elapsed();
                }
                total
            });
        });
        // The tick after: the first rows' next codes are computed.
        c.bench_function(&format!("tick_100_accounts_filling_next_{lang}"), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    send(&mut app, Event::Tick { unix: boundary - 1 });
                    send(&mut app, Event::Tick { unix: boundary });
                    let start = Instant::now();
                    black_box(app.update(Event::Tick { unix: boundary + 1 }));
                    total += start.elapsed();
                }
                total
            });
        });
        // Not a normal tick: the clock jumped (or the phone slept through a
        // step); all 100 codes and next codes are recomputed.
        let mut flip = false;
        c.bench_function(&format!("tick_100_accounts_clock_jump_{lang}"), |b| {
            b.iter(|| {
                flip = !flip;
                let unix = if flip { T0 + 30 } else { T0 + 1 };
                black_box(app.update(Event::Tick { unix }))
            });
        });
        send(&mut app, Event::Tick { unix: T0 + 1 });
        c.bench_function(&format!("view_100_accounts_{lang}"), |b| {
            b.iter(|| black_box(app.view()));
        });
    }
}

/// The peer of the step tick: `ramz-core` computing the 100 codes (and
/// next codes) alone, which the app's step tick calls once.
fn core_codes(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut auth = ramz_core::Authenticator::create_with(
        dir.path().join("v.ramz"),
        b"480913",
        Arc::new(SoftwareKeystore::from_key([7; 32])),
        T0,
        VaultConfig::insecure_for_tests(),
    )
    .unwrap();
    for i in 0..100_usize {
        let secret = data_encoding::BASE32_NOPAD.encode(&[(i % 251) as u8 + 1; 20]);
        let period = if i % 3 == 0 { 60 } else { 30 };
        let entry = ramz_core::ManualEntry::totp(&format!("Service {i}"), "u", period);
        auth.add_manual(entry, secret.as_bytes(), T0).unwrap();
    }
    c.bench_function("core_codes_100_accounts", |b| {
        b.iter(|| black_box(auth.codes(black_box(T0 + 1)).unwrap()));
    });
}

criterion_group!(benches, budgets, core_codes);
criterion_main!(benches);
