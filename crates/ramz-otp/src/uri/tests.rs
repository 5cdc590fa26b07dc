//! One test per documented policy.

use super::*;

const KEY: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"; // 20 bytes
const KEY_BYTES: &[u8] = b"Hello!\xde\xad\xbe\xefHello!\xde\xad\xbe\xef";

fn ok(uri: &str) -> ParsedUri {
    parse(uri).unwrap_or_else(|e| panic!("{uri}: {e}"))
}

fn err(uri: &str) -> OtpError {
    parse(uri).err().unwrap_or_else(|| panic!("{uri} parsed"))
}

#[test]
fn google_example() {
    let p = ok("otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example");
    assert_eq!(p.account.issuer, "Example");
    assert_eq!(p.account.account, "alice@google.com");
    assert_eq!(p.account.secret.expose_secret(), b"Hello!\xde\xad\xbe\xef");
    assert_eq!(p.account.params, OtpParams::default_totp());
    assert_eq!(p.warnings, vec![UriWarning::WeakSecret { bits: 80 }]);
}

#[test]
fn all_parameters() {
    let p = ok(&format!(
        "otpauth://totp/ACME%20Co:john.doe@email.com?secret={KEY}&issuer=ACME%20Co&algorithm=SHA512&digits=8&period=60&image=https%3A%2F%2Fx.example%2Fa.png"
    ));
    assert!(p.warnings.is_empty());
    let a = &p.account;
    assert_eq!(
        (a.issuer.as_str(), a.account.as_str()),
        ("ACME Co", "john.doe@email.com")
    );
    assert_eq!(a.secret.expose_secret(), KEY_BYTES);
    assert_eq!(a.params.algorithm, Algorithm::Sha512);
    assert_eq!(a.params.digits.get(), 8);
    assert_eq!(
        a.params.kind,
        OtpKind::Totp {
            period: Period::SIXTY
        }
    );
    assert_eq!(a.image.as_deref(), Some("https://x.example/a.png"));
}

#[test]
fn hotp_needs_a_counter() {
    let p = ok(&format!(
        "otpauth://hotp/x?secret={KEY}&counter=42&period=0"
    ));
    assert_eq!(p.account.params.kind, OtpKind::Hotp { counter: 42 });
    assert_eq!(
        err(&format!("otpauth://hotp/x?secret={KEY}")),
        UriError::MissingParameter("counter").into()
    );
    assert_eq!(
        err(&format!(
            "otpauth://hotp/x?secret={KEY}&counter=18446744073709551616"
        )),
        UriError::InvalidParameter("counter").into()
    );
    assert_eq!(
        err(&format!("otpauth://hotp/x?secret={KEY}&counter=-1")),
        UriError::InvalidParameter("counter").into()
    );
}

#[test]
fn scheme_and_type_ignore_case_but_nothing_else_does() {
    let p = ok("OTPAUTH://TOTP/MixedCase:UserName?SECRET=jbswy3dpehpk3pxp&Issuer=MixedCase");
    assert_eq!(
        (p.account.issuer.as_str(), p.account.account.as_str()),
        ("MixedCase", "UserName")
    );
    assert_eq!(p.account.secret.expose_secret(), b"Hello!\xde\xad\xbe\xef");
    assert_eq!(
        err("otpauth://motp/x?secret=AA"),
        UriError::UnknownType.into()
    );
    assert_eq!(
        err("http://totp/x?secret=AA"),
        UriError::UnknownScheme.into()
    );
    assert_eq!(
        err("otpauth:/totp/x?secret=AA"),
        UriError::UnknownScheme.into()
    );
}

#[test]
fn label_separator_forms_and_extra_colons() {
    for label in [
        "Bank:me:card:1234",
        "Bank%3Ame:card:1234",
        "Bank%3ame%3Acard:1234",
        "Bank:%20me:card:1234",
    ] {
        let p = ok(&format!("otpauth://totp/{label}?secret={KEY}"));
        assert_eq!(p.account.issuer, "Bank", "{label}");
        assert_eq!(p.account.account, "me:card:1234", "{label}");
    }
    // Decoded once: a doubly encoded colon is text, not a separator.
    let p = ok(&format!("otpauth://totp/a%253Ab?secret={KEY}"));
    assert_eq!(
        (p.account.issuer.as_str(), p.account.account.as_str()),
        ("", "a%3Ab")
    );
    // No label at all.
    let p = ok(&format!("otpauth://totp?secret={KEY}&issuer=Only"));
    assert_eq!(
        (p.account.issuer.as_str(), p.account.account.as_str()),
        ("Only", "")
    );
}

#[test]
fn issuer_mismatch_is_a_warning_and_the_parameter_wins() {
    let p = ok(&format!(
        "otpauth://totp/Old%20Name:me?secret={KEY}&issuer=New%20Name"
    ));
    assert_eq!(p.account.issuer, "New Name");
    assert_eq!(p.account.account, "me");
    assert_eq!(
        p.warnings,
        vec![UriWarning::IssuerMismatch {
            label_issuer: "Old Name".into()
        }]
    );
    // Differences of case only are not worth a warning.
    assert!(
        ok(&format!(
            "otpauth://totp/github:me?secret={KEY}&issuer=GitHub"
        ))
        .warnings
        .is_empty()
    );
    // An empty issuer parameter is absent.
    assert_eq!(
        ok(&format!("otpauth://totp/L:me?secret={KEY}&issuer="))
            .account
            .issuer,
        "L"
    );
}

#[test]
fn plus_is_a_space_in_values_only() {
    let p = ok(&format!(
        "otpauth://totp/C+%2B:a+b?secret={KEY}&issuer=C+%2B"
    ));
    assert_eq!(p.account.issuer, "C +");
    assert_eq!(p.account.account, "a+b");
    assert_eq!(
        p.warnings,
        vec![UriWarning::IssuerMismatch {
            label_issuer: "C++".into()
        }]
    );
}

#[test]
fn persian_digits_in_numbers() {
    let p = ok(&format!("otpauth://totp/x?secret={KEY}&digits=۸&period=۶۰"));
    assert_eq!(p.account.params.digits.get(), 8);
    assert_eq!(
        p.account.params.kind,
        OtpKind::Totp {
            period: Period::SIXTY
        }
    );
    let p = ok(&format!(
        "otpauth://hotp/x?secret={KEY}&counter=%D9%A1%D9%A2"
    ));
    assert_eq!(p.account.params.kind, OtpKind::Hotp { counter: 12 });
}

#[test]
fn absurd_numbers_are_refused() {
    for (q, name) in [
        ("period=0", "period"),
        ("period=-30", "period"),
        ("period=86401", "period"),
        ("period=30.5", "period"),
        ("period=", "period"),
        ("digits=3", "digits"),
        ("digits=11", "digits"),
        ("digits=4294967302", "digits"),
        ("digits=six", "digits"),
    ] {
        assert_eq!(
            err(&format!("otpauth://totp/x?secret={KEY}&{q}")),
            UriError::InvalidParameter(name).into(),
            "{q}"
        );
    }
    assert!(
        parse(&format!(
            "otpauth://totp/x?secret={KEY}&period=86400&digits=10"
        ))
        .is_ok()
    );
    assert!(parse(&format!("otpauth://totp/x?secret={KEY}&period=1&digits=4")).is_ok());
}

#[test]
fn secret_errors() {
    assert_eq!(
        err("otpauth://totp/x?issuer=y"),
        UriError::MissingParameter("secret").into()
    );
    assert_eq!(
        err("otpauth://totp/x?secret=&issuer=y"),
        UriError::MissingParameter("secret").into()
    );
    assert_eq!(
        err("otpauth://totp/x?secret=JBSW0Y3DP"),
        OtpError::InvalidBase32Char {
            found: '0',
            position: 5
        }
    );
    // Padding and spaces as people paste them.
    assert!(parse("otpauth://totp/x?secret=JBSW+Y3DP+EHPK+3PXP%3D%3D%3D%3D").is_ok());
}

#[test]
fn algorithm_and_duplicates() {
    assert_eq!(
        err(&format!("otpauth://totp/x?secret={KEY}&algorithm=MD5")),
        UriError::UnsupportedAlgorithm.into()
    );
    assert_eq!(
        ok(&format!("otpauth://totp/x?secret={KEY}&algorithm=sha256"))
            .account
            .params
            .algorithm,
        Algorithm::Sha256
    );
    assert_eq!(
        err(&format!(
            "otpauth://totp/x?secret={KEY}&period=30&period=60"
        )),
        UriError::DuplicateParameter("period").into()
    );
    assert!(
        parse(&format!(
            "otpauth://totp/x?secret={KEY}&period=30&period=30"
        ))
        .is_ok()
    );
}

#[test]
fn unknown_parameters_and_hash_are_ignored() {
    let p = ok(&format!(
        "otpauth://totp/C%23:me?secret={KEY}&foo=%ZZ&lock=true&issuer=C#"
    ));
    assert_eq!(p.account.issuer, "C#");
    assert!(p.warnings.is_empty());
}

#[test]
fn broken_encoding_names_the_part() {
    assert_eq!(
        err(&format!("otpauth://totp/a%2?secret={KEY}")),
        UriError::InvalidEncoding("label").into()
    );
    assert_eq!(
        err(&format!("otpauth://totp/a?secret={KEY}&issuer=%FF")),
        UriError::InvalidEncoding("parameter value").into()
    );
}

#[test]
fn steam_forms() {
    let keepass = ok(&format!(
        "otpauth://totp/Steam:gabe?secret={KEY}&period=30&digits=5&issuer=Steam&encoder=steam"
    ));
    let aegis = ok(&format!(
        "otpauth://steam/Steam:gabe?secret={KEY}&issuer=Steam&digits=5&algorithm=SHA1"
    ));
    assert_eq!(keepass, aegis);
    assert_eq!(keepass.account.params.kind, OtpKind::Steam);
    // Steam ignores the generic parameters rather than failing on them.
    assert_eq!(
        ok(&format!(
            "otpauth://totp/s?secret={KEY}&encoder=STEAM&period=0"
        ))
        .account
        .params
        .kind,
        OtpKind::Steam
    );
    assert_eq!(
        err(&format!(
            "otpauth://hotp/s?secret={KEY}&counter=1&encoder=steam"
        )),
        UriError::InvalidParameter("encoder").into()
    );
    let printed = to_uri(&keepass.account);
    assert!(
        printed.ends_with("&algorithm=SHA1&digits=5&period=30&encoder=steam"),
        "{}",
        printed.as_str()
    );
    assert_eq!(ok(&printed), keepass);
}

#[test]
fn too_long_is_refused_first() {
    let long = format!(
        "otpauth://totp/x?secret={KEY}&junk={}",
        "a".repeat(MAX_URI_LEN)
    );
    assert!(matches!(err(&long), OtpError::Uri(UriError::TooLong(n)) if n == long.len()));
}

#[test]
fn errors_never_echo_the_input() {
    for uri in [
        format!("otpauth://totp/x?secret={KEY}&period=SECRETISH"),
        format!("otpauth://totp/x?secret={KEY}0"),
        "otpauth://totp/x?secret=AAAA%ZZ".to_owned(),
    ] {
        let msg = err(&uri).to_string();
        assert!(
            !msg.contains(KEY) && !msg.contains("SECRETISH") && !msg.contains("AAAA"),
            "{msg}"
        );
    }
}

#[test]
fn canonical_print() {
    let p = ok(&format!(
        "otpauth://totp/Bank%20Mellat:4321?secret={KEY}&issuer=Bank+Mellat&period=60"
    ));
    assert_eq!(
        to_uri(&p.account).as_str(),
        format!(
            "otpauth://totp/Bank%20Mellat:4321?secret={KEY}&issuer=Bank%20Mellat&algorithm=SHA1&digits=6&period=60"
        )
    );
    let h = ok(&format!(
        "otpauth://hotp/me?secret={KEY}&counter=7&digits=8"
    ));
    assert_eq!(
        to_uri(&h.account).as_str(),
        format!("otpauth://hotp/me?secret={KEY}&algorithm=SHA1&digits=8&counter=7")
    );
}

#[test]
fn awkward_names_round_trip() {
    let base = ok(&format!("otpauth://totp/x?secret={KEY}")).account;
    for (issuer, account) in [
        ("", "a:b"),
        ("I:ss", "acc"),
        ("I:ss", "a:b"),
        ("بانک ملت", "کارت ۱۲۳۴"),
        ("a&b=c#d%e+f", "?x/y%3Az"),
        ("", ""),
        ("Only", ""),
    ] {
        let a = OtpAccount {
            issuer: issuer.into(),
            account: account.into(),
            ..base.clone()
        };
        let back = ok(&to_uri(&a));
        assert_eq!(back.account, a, "{}", to_uri(&a).as_str());
        assert!(back.warnings.is_empty());
    }
}

/// Found by the `uri` fuzz target: a 1653-byte URI whose label was mostly
/// spaces printed to 5343 bytes, over the input cap, so the canonical
/// form did not parse. Field limits now keep every accepted account
/// printable within the cap, even at its worst case.
#[test]
fn canonical_form_of_the_largest_account_still_parses() {
    let big_name = "\u{0800}".repeat(MAX_NAME_BYTES / 3) + "a"; // 3-byte chars, 9 bytes each once encoded
    assert_eq!(big_name.len(), MAX_NAME_BYTES);
    let worst = OtpAccount {
        issuer: big_name.clone(),
        account: big_name.clone(),
        secret: Secret::from_bytes(vec![0xff; MAX_SECRET_BYTES]).unwrap(),
        params: OtpParams {
            kind: OtpKind::Hotp { counter: u64::MAX },
            algorithm: Algorithm::Sha512,
            digits: Digits::new(10).unwrap(),
        },
        image: Some(" ".repeat(MAX_IMAGE_BYTES)),
    };
    let printed = to_uri(&worst);
    assert!(printed.len() <= MAX_URI_LEN, "{}", printed.len());
    assert_eq!(ok(&printed).account, worst);

    let spaces = format!("otpauth://totp/{}x?secret={KEY}", "a ".repeat(800));
    assert_eq!(err(&spaces), UriError::FieldTooLong("account name").into());
    let long_issuer = format!(
        "otpauth://totp/x?secret={KEY}&issuer={}",
        "i".repeat(MAX_NAME_BYTES + 1)
    );
    assert_eq!(err(&long_issuer), UriError::FieldTooLong("issuer").into());
    let long_secret = format!(
        "otpauth://totp/x?secret={}",
        "A".repeat((MAX_SECRET_BYTES + 4) * 8 / 5)
    );
    assert_eq!(err(&long_secret), UriError::FieldTooLong("secret").into());
    let long_image = format!(
        "otpauth://totp/x?secret={KEY}&image={}",
        "i".repeat(MAX_IMAGE_BYTES + 1)
    );
    assert_eq!(err(&long_image), UriError::FieldTooLong("image").into());
}
