//! The text catalog: every user-visible string, in Persian and English,
//! from Project Fluent files (`fa.ftl`, `en.ftl`) compiled into the crate.
//!
//! Formatting rules that hold for every message:
//! - numbers go through the bundle's formatter, which writes Persian
//!   digits (۰–۹) in `fa`; plural forms follow each language's CLDR rules;
//! - names (issuers, accounts) are placeables, which Fluent wraps in
//!   first-strong isolates (U+2068 … U+2069) so a Latin name cannot reorder
//!   the Persian sentence around it;
//! - codes and card numbers are wrapped in left-to-right isolates
//!   (U+2066 … U+2069) by [`ltr`] before they are placed, so `۱۲۳ ۴۵۶` and
//!   `۶۰۳۷-****-۱۲۳۴` read left to right inside right-to-left text.

mod date;
mod digits;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

pub use date::date_text;
pub use digits::{ltr, to_ascii_digits, to_persian_digits};

/// The languages of the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Lang {
    /// Persian (فارسی), right to left, Persian digits.
    #[default]
    Fa,
    /// English, left to right, ASCII digits.
    En,
}

impl Lang {
    /// The language for a device locale tag such as `fa-IR`, `en_US` or
    /// `de`: Persian for `fa…`, English otherwise.
    pub fn from_device(tag: &str) -> Self {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        if primary == "fa" { Self::Fa } else { Self::En }
    }

    /// True for right-to-left languages.
    pub fn rtl(self) -> bool {
        matches!(self, Self::Fa)
    }

    /// The BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            Self::Fa => "fa",
            Self::En => "en",
        }
    }
}

/// The Fluent sources, for tests that compare the two languages.
pub const SOURCES: [(Lang, &str); 2] = [
    (Lang::Fa, include_str!("fa.ftl")),
    (Lang::En, include_str!("en.ftl")),
];

/// One language's compiled messages.
pub struct Catalog {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
}

impl Catalog {
    /// Compiles the catalog of `lang`. The sources are part of the crate
    /// and checked by tests, so a syntax error cannot reach a user; if one
    /// did, the affected messages would show their ids instead.
    pub fn new(lang: Lang) -> Self {
        let source = match lang {
            Lang::Fa => SOURCES[0].1,
            Lang::En => SOURCES[1].1,
        };
        let tag: unic_langid::LanguageIdentifier = lang.tag().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![tag]);
        let resource = match FluentResource::try_new(source.to_owned()) {
            Ok(r) | Err((r, _)) => r,
        };
        // Errors here are duplicate ids, which a test rules out.
        let _ = bundle.add_resource(resource);
        // Names are isolated by `Args::s`, digits by `Catalog::digits`;
        // numbers need no isolate. So Fluent's own isolation is off.
        bundle.set_use_isolating(false);
        if lang == Lang::Fa {
            bundle.set_formatter(Some(persian_number));
        }
        Self { lang, bundle }
    }

    /// The catalog's language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The message `id` without arguments.
    pub fn t(&self, id: &str) -> String {
        self.format(id, None)
    }

    /// The message `id` with arguments built by [`Args`].
    pub fn ta(&self, id: &str, args: &Args) -> String {
        self.format(id, Some(&args.0))
    }

    /// True when the catalog has a message `id` with a value.
    pub fn has(&self, id: &str) -> bool {
        self.bundle
            .get_message(id)
            .is_some_and(|m| m.value().is_some())
    }

    /// A number written in this language's digits.
    pub fn number(&self, n: impl Into<i64>) -> String {
        let s = n.into().to_string();
        match self.lang {
            Lang::Fa => to_persian_digits(&s),
            Lang::En => s,
        }
    }

    /// Digits (a code, a card number) in this language's script, isolated
    /// left to right.
    pub fn digits(&self, s: &str) -> String {
        // One allocation: this runs for every code on every redraw.
        let mut out = String::with_capacity(s.len() * 2 + 6);
        out.push(digits::LRI);
        match self.lang {
            Lang::Fa => out.extend(s.chars().map(digits::persian_digit)),
            Lang::En => out.push_str(s),
        }
        out.push(digits::PDI);
        out
    }

    fn format(&self, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            return missing(id);
        };
        let mut errors = Vec::new();
        let out = self.bundle.format_pattern(pattern, args, &mut errors);
        if errors.is_empty() {
            out.into_owned()
        } else {
            missing(id)
        }
    }
}

/// What a message that is missing (or fails to format) shows: visible in
/// snapshots and caught by the catalog tests.
pub fn missing(id: &str) -> String {
    format!("⟦{id}⟧")
}

/// Arguments of a message.
#[derive(Default)]
pub struct Args(FluentArgs<'static>);

impl Args {
    /// No arguments yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// A text argument: a name, placed in a first-strong isolate
    /// (U+2068 … U+2069) so its direction cannot reorder the sentence.
    /// Text already isolated (by [`Catalog::digits`]) is placed as is.
    pub fn s(mut self, name: &'static str, value: impl Into<String>) -> Self {
        let value = value.into();
        let value = if value.starts_with(digits::LRI) {
            value
        } else {
            format!("\u{2068}{value}\u{2069}")
        };
        self.0.set(name, FluentValue::from(value));
        self
    }

    /// A number argument: selects the plural form and is written in the
    /// language's digits.
    pub fn n(mut self, name: &'static str, value: impl Into<i64>) -> Self {
        // Counts and seconds here are far below 2^53: exact as f64.
        #[allow(clippy::cast_precision_loss)]
        let v = value.into() as f64;
        self.0.set(name, FluentValue::from(v));
        self
    }
}

fn persian_number<M>(value: &FluentValue<'_>, _: &M) -> Option<String> {
    match value {
        FluentValue::Number(n) => Some(to_persian_digits(&n.as_string())),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
