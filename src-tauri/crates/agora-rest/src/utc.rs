//! UTC calendar arithmetic without a date crate: the CLI's day filters and Agora's file-name
//! timestamps (`YYYYMMDDhhmmssmmm`, reference notes §1.10) both need it.

pub const DAY_MS: i64 = 86_400_000;

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `(year, month, day)` of a day count since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Agora's slice timestamp: `YYYYMMDDhhmmssmmm` in UTC, as in `<sid>_<cname>_<utc>.ts`.
pub fn slice_stamp(ms: i64) -> String {
    let (days, rest) = (ms.div_euclid(DAY_MS), ms.rem_euclid(DAY_MS));
    let (y, m, d) = civil_from_days(days);
    let s = rest / 1000;
    format!(
        "{y:04}{m:02}{d:02}{:02}{:02}{:02}{:03}",
        s / 3600,
        s / 60 % 60,
        s % 60,
        rest % 1000
    )
}

/// The Unix ms of a [`slice_stamp`], if `text` is one.
pub fn parse_slice_stamp(text: &str) -> Option<i64> {
    if text.len() != 17 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| text[r].parse::<i64>().ok();
    let (y, mo, d) = (n(0..4)?, n(4..6)?, n(6..8)?);
    let (h, mi, s, ms) = (n(8..10)?, n(10..12)?, n(12..14)?, n(14..17)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || s > 59 {
        return None;
    }
    if civil_from_days(days_from_civil(y, mo, d)) != (y, mo, d) {
        return None;
    }
    Some(days_from_civil(y, mo, d) * DAY_MS + ((h * 60 + mi) * 60 + s) * 1000 + ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slice_stamps_are_agoras_utc_digits_and_read_back() {
        // 2019-06-11 07:32:46.073 UTC, the example in Agora's file docs.
        let ms = 1_560_238_366_073;
        assert_eq!(slice_stamp(ms), "20190611073246073");
        assert_eq!(parse_slice_stamp("20190611073246073"), Some(ms));
        assert_eq!(parse_slice_stamp("20190231073246073"), None);
        assert_eq!(parse_slice_stamp("2019061107324607"), None);
        assert_eq!(civil_from_days(days_from_civil(2024, 2, 29)), (2024, 2, 29));
    }
}
