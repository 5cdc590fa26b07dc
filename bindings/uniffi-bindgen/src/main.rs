//! `cargo run -p uniffi-bindgen -- generate --library <libramz_ffi.so> --language kotlin|swift --out-dir <dir>`
//!
//! Kept out of the workspace's `default-members`, so a plain build of the
//! mobile library never compiles or links the generator's CLI dependencies.

fn main() {
    uniffi::uniffi_bindgen_main();
}
