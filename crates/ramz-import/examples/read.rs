//! Reads an export and prints what an import would do, without secrets:
//!
//! ```sh
//! cargo run -p ramz-import --example read -- FILE [PASSPHRASE]
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: read FILE [PASSPHRASE]");
    let pass = args.next();
    let bytes = std::fs::read(&path).unwrap();
    match ramz_import::import(&bytes, pass.as_deref().map(str::as_bytes)) {
        Err(e) => println!("{path}: error: {e} ({e:?})"),
        Ok(read) => {
            println!(
                "{path}: {} (encrypted: {}), {} accounts, {} skipped, {} without OTP",
                read.format,
                read.encrypted,
                read.accounts.len(),
                read.skipped.len(),
                read.without_otp
            );
            for a in &read.accounts {
                let p = &a.account.params;
                println!(
                    "  #{:<3} {:?} | {:?} | {:?} {} {} digits",
                    a.position,
                    a.account.issuer,
                    a.account.account,
                    p.kind,
                    p.algorithm,
                    p.digits.get()
                );
            }
            for s in &read.skipped {
                println!(
                    "  #{:<3} skipped {:?} | {:?}: {}",
                    s.position, s.issuer, s.name, s.reason
                );
            }
        }
    }
}
