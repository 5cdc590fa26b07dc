use std::collections::BTreeSet;

use fluent_bundle::FluentResource;

use super::*;

/// Message ids: FTL messages start in the first column with `id =`.
fn ids(source: &str) -> BTreeSet<String> {
    assert!(
        FluentResource::try_new(source.to_owned()).is_ok(),
        "the catalog parses without errors"
    );
    let ids: Vec<String> = source
        .lines()
        .filter_map(|l| l.split_once(" ="))
        .map(|(id, _)| id)
        .filter(|id| id.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
        .filter(|id| {
            id.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
        .map(str::to_owned)
        .collect();
    let set: BTreeSet<String> = ids.iter().cloned().collect();
    assert_eq!(set.len(), ids.len(), "no id is defined twice");
    set
}

#[test]
fn every_message_exists_in_both_languages() {
    let fa = ids(SOURCES[0].1);
    let en = ids(SOURCES[1].1);
    assert!(en.len() > 150, "the catalog has {} messages", en.len());
    let only_fa: Vec<_> = fa.difference(&en).collect();
    let only_en: Vec<_> = en.difference(&fa).collect();
    assert!(
        only_fa.is_empty() && only_en.is_empty(),
        "fa only: {only_fa:?}, en only: {only_en:?}"
    );
}

/// Every id the code names (a kebab-case string literal that is a
/// catalog id in either language, or a `foreign-` kind) formats in both
/// languages with the arguments the code gives; and every literal that
/// looks like an id and is passed to `t`/`ta` exists.
#[test]
fn every_id_used_in_the_code_is_in_the_catalog() {
    let en = ids(SOURCES[1].1);
    // Every Rust file under src/ but this catalog module.
    fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() && !path.ends_with("text") {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    let mut sources = Vec::new();
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut sources,
    );
    assert!(sources.len() > 15, "found {} source files", sources.len());
    let mut used = BTreeSet::new();
    for src in &sources {
        for (i, _) in src.match_indices('"') {
            let rest = &src[i + 1..];
            let Some(end) = rest.find('"') else { continue };
            let lit = &rest[..end];
            let looks_like_id = lit.contains('-')
                && lit
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !lit.starts_with('-')
                && !lit.ends_with('-');
            if looks_like_id {
                used.insert(lit.to_owned());
            }
        }
    }
    // Built with format!: the kinds of a foreign QR code.
    for kind in ["link", "wifi", "other"] {
        used.insert(format!("foreign-{kind}"));
    }
    let missing: Vec<_> = used.iter().filter(|id| !en.contains(*id)).collect();
    assert!(
        missing.is_empty(),
        "ids used but not in the catalog: {missing:?}"
    );
    assert!(
        used.len() > 120,
        "only {} ids found in the code",
        used.len()
    );
}

#[test]
fn persian_digits_plurals_and_isolates() {
    let fa = Catalog::new(Lang::Fa);
    let en = Catalog::new(Lang::En);
    let args = || Args::new().n("count", 3);
    assert!(fa.ta("lock-attempts-left", &args()).contains('۳'));
    assert!(!fa.ta("lock-attempts-left", &args()).contains('3'));
    assert!(
        en.ta("lock-attempts-left", &Args::new().n("count", 1))
            .starts_with("Last attempt")
    );
    assert!(en.ta("lock-attempts-left", &args()).contains("3 attempts"));
    assert_eq!(en.ta("seconds", &Args::new().n("count", 1)), "1 second");
    assert_eq!(fa.digits("480 913"), "\u{2066}۴۸۰ ۹۱۳\u{2069}");
    assert_eq!(fa.number(42), "۴۲");
    assert!(Lang::Fa.rtl() && !Lang::En.rtl());
    assert_eq!(Lang::from_device("fa_IR"), Lang::Fa);
    assert_eq!(Lang::from_device("en-US"), Lang::En);
    assert_eq!(fa.t("no-such-id"), "⟦no-such-id⟧");
}

#[test]
fn every_message_formats_without_errors_in_both_languages() {
    // Every argument any message takes, with a value; a message that
    // names an argument not given here fails to format and shows its id.
    let args = Args::new()
        .n("count", 2)
        .n("seconds", 12)
        .n("length", 6)
        .n("counter", 5)
        .n("index", 1)
        .n("seen", 1)
        .n("duplicates", 1)
        .n("period", 30)
        .n("status", 503)
        .n("score", 3)
        .s("time", "0:42")
        .s("issuer", "GitHub")
        .s("code", "1 2 3")
        .s("bank", "Melli")
        .s("date", "1405/09/09")
        .s("version", "0.1.0")
        .s("host", "otp.bank.example")
        .s("app", "Aegis")
        .s("entry", "GitHub — alice")
        .s("reason", "its key is not valid");
    for (lang, source) in SOURCES {
        let c = Catalog::new(lang);
        for id in ids(source) {
            let text = c.ta(&id, &args);
            assert!(!text.contains('⟦'), "{lang:?} {id} does not format: {text}");
            assert!(!text.is_empty());
        }
    }
}
