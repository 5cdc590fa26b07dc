//! Dates as people in each language read them: the Solar Hijri calendar
//! (Iran's civil calendar, Tehran time) in Persian, ISO 8601 in English.

/// Iran's offset from UTC (no daylight saving time since 2022).
const TEHRAN_OFFSET: i64 = 3 * 3600 + 1800;

/// The civil (Gregorian) date of a day count since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// The Solar Hijri date of a Gregorian date (the 33-year arithmetic rule,
/// exact for 1979–2045 including every year Ramz can meet).
pub fn solar_hijri(gy: i64, gm: u32, gd: u32) -> (i64, u32, u32) {
    const G_D_M: [i64; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let gy2 = if gm > 2 { gy + 1 } else { gy };
    let mut days = 355_666 + 365 * gy + (gy2 + 3) / 4 - (gy2 + 99) / 100
        + (gy2 + 399) / 400
        + i64::from(gd)
        + G_D_M[(gm as usize).clamp(1, 12) - 1];
    let mut jy = -1595 + 33 * (days / 12_053);
    days %= 12_053;
    jy += 4 * (days / 1461);
    days %= 1461;
    if days > 365 {
        jy += (days - 1) / 365;
        days = (days - 1) % 365;
    }
    let (jm, jd) = if days < 186 {
        (1 + days / 31, 1 + days % 31)
    } else {
        (7 + (days - 186) / 30, 1 + (days - 186) % 30)
    };
    (jy, jm as u32, jd as u32)
}

/// "1405/09/09" for Persian (Solar Hijri, Tehran), "2026-11-30" for English
/// (UTC). ASCII digits: the catalog writes them in the language's script.
pub fn date_text(unix: u64, solar: bool) -> String {
    let unix = i64::try_from(unix).unwrap_or(i64::MAX);
    if solar {
        let (y, m, d) = civil_from_days((unix + TEHRAN_OFFSET).div_euclid(86_400));
        let (jy, jm, jd) = solar_hijri(y, m, d);
        format!("{jy}/{jm:02}/{jd:02}")
    } else {
        let (y, m, d) = civil_from_days(unix.div_euclid(86_400));
        format!("{y}-{m:02}-{d:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nowruz_and_known_days() {
        // Nowruz 1404 was 2025-03-21, Nowruz 1405 is 2026-03-21.
        assert_eq!(solar_hijri(2025, 3, 21), (1404, 1, 1));
        assert_eq!(solar_hijri(2025, 3, 20), (1403, 12, 30));
        assert_eq!(solar_hijri(2026, 3, 21), (1405, 1, 1));
        // 1 Dey 1404 = 2025-12-22 (Yalda night is the eve).
        assert_eq!(solar_hijri(2025, 12, 22), (1404, 10, 1));
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(date_text(1_764_460_800, false), "2025-11-30");
        // 2025-11-30 in Tehran is 9 Azar 1404.
        assert_eq!(date_text(1_764_460_800 + 12 * 3600, true), "1404/09/09");
    }
}
