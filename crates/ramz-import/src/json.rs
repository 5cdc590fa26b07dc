//! JSON read leniently, one field at a time, so one odd entry costs that
//! entry and not the file; and wiped on drop, since exports hold secrets.

use serde_json::{Map, Value};
use zeroize::Zeroize;

use crate::ImportError;

/// A parsed JSON document whose strings are zeroized when it is dropped.
///
/// (serde_json's own scratch buffer for strings with escapes is not
/// wiped; secrets in exports are base32 or base64 and need no escapes, so
/// in practice they never pass through it.)
pub(crate) struct Json(pub Value);

impl Drop for Json {
    fn drop(&mut self) {
        wipe(&mut self.0);
    }
}

fn wipe(v: &mut Value) {
    match v {
        Value::String(s) => s.zeroize(),
        Value::Array(a) => a.iter_mut().for_each(wipe),
        Value::Object(o) => o.values_mut().for_each(wipe),
        _ => {}
    }
}

/// Parses a whole document (a UTF-8 byte-order mark is allowed). Anything
/// that is not complete, valid JSON, a truncated file for instance, is
/// [`ImportError::Damaged`].
pub(crate) fn parse(bytes: &[u8]) -> Result<Json, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    serde_json::from_slice(bytes)
        .map(Json)
        .map_err(|_| ImportError::Damaged("not valid JSON"))
}

/// A field that has the wrong JSON type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WrongType(pub &'static str);

/// A string field; absent or `null` is `None`.
pub(crate) fn opt_str<'a>(
    obj: &'a Map<String, Value>,
    key: &'static str,
) -> Result<Option<&'a str>, WrongType> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(WrongType(key)),
    }
}

/// A string field, absent or `null` read as empty (labels).
pub(crate) fn label<'a>(
    obj: &'a Map<String, Value>,
    key: &'static str,
) -> Result<&'a str, WrongType> {
    opt_str(obj, key).map(Option::unwrap_or_default)
}

/// An integer field: a JSON number without fraction, or a string of digits
/// (some exporters quote numbers; a field a person edited may hold
/// Persian or Arabic-Indic digits). Absent or `null` is `None`.
pub(crate) fn opt_int(
    obj: &Map<String, Value>,
    key: &'static str,
) -> Result<Option<i64>, WrongType> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => {
            if let Some(i) = n.as_i64() {
                Ok(Some(i))
            } else if let Some(u) = n.as_u64() {
                Ok(Some(i64::try_from(u).unwrap_or(i64::MAX)))
            } else {
                match n.as_f64() {
                    Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Ok(Some(f as i64)),
                    _ => Err(WrongType(key)),
                }
            }
        }
        Some(Value::String(s)) => {
            let t = s.trim();
            let (negative, digits) = match t.strip_prefix('-') {
                Some(rest) => (true, rest),
                None => (false, t),
            };
            let n = ramz_otp::normalize_digits(digits)
                .filter(|d| !d.is_empty() && d.len() == digits.chars().count())
                .and_then(|d| d.parse::<i64>().ok())
                .ok_or(WrongType(key))?;
            Ok(Some(if negative { -n } else { n }))
        }
        Some(_) => Err(WrongType(key)),
    }
}

/// The object at `key`, or a damaged-file error naming what was expected.
pub(crate) fn object<'a>(
    obj: &'a Map<String, Value>,
    key: &'static str,
    what: &'static str,
) -> Result<&'a Map<String, Value>, ImportError> {
    obj.get(key)
        .and_then(Value::as_object)
        .ok_or(ImportError::Damaged(what))
}

/// The array at `key`, checked against [`crate::MAX_ENTRIES`].
pub(crate) fn entries<'a>(
    obj: &'a Map<String, Value>,
    key: &'static str,
    what: &'static str,
) -> Result<&'a [Value], ImportError> {
    let list = obj
        .get(key)
        .and_then(Value::as_array)
        .ok_or(ImportError::Damaged(what))?;
    capped(list)
}

/// Refuses lists longer than [`crate::MAX_ENTRIES`].
pub(crate) fn capped(list: &[Value]) -> Result<&[Value], ImportError> {
    if list.len() > crate::MAX_ENTRIES {
        return Err(ImportError::TooManyEntries(list.len()));
    }
    Ok(list)
}

/// The string at `key`, or a damaged-file error.
pub(crate) fn req_str<'a>(
    obj: &'a Map<String, Value>,
    key: &'static str,
    what: &'static str,
) -> Result<&'a str, ImportError> {
    obj.get(key)
        .and_then(Value::as_str)
        .ok_or(ImportError::Damaged(what))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_from_numbers_and_digit_strings() {
        let v: Value = serde_json::from_str(
            r#"{"a": 6, "b": "8", "c": "۶", "d": "٧", "e": 30.0, "f": 1.5, "g": "6 digits", "h": -2, "i": "-3", "j": null, "k": true, "l": "1 2"}"#,
        )
        .unwrap();
        let o = v.as_object().unwrap();
        assert_eq!(opt_int(o, "a"), Ok(Some(6)));
        assert_eq!(opt_int(o, "b"), Ok(Some(8)));
        assert_eq!(opt_int(o, "c"), Ok(Some(6)));
        assert_eq!(opt_int(o, "d"), Ok(Some(7)));
        assert_eq!(opt_int(o, "e"), Ok(Some(30)));
        assert_eq!(opt_int(o, "f"), Err(WrongType("f")));
        assert_eq!(opt_int(o, "g"), Err(WrongType("g")));
        assert_eq!(opt_int(o, "h"), Ok(Some(-2)));
        assert_eq!(opt_int(o, "i"), Ok(Some(-3)));
        assert_eq!(opt_int(o, "j"), Ok(None));
        assert_eq!(opt_int(o, "missing"), Ok(None));
        assert_eq!(opt_int(o, "k"), Err(WrongType("k")));
        assert_eq!(opt_int(o, "l"), Err(WrongType("l")));
    }
}
