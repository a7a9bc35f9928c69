//! Input rules checked before anything is sent; each failure names the field at fault.

use crate::core::error::{Error, Result};
use crate::core::text::{find_byte, starts_with_byte};
use std::borrow::Cow;

/// Largest integer a JS number holds exactly (2^53 - 1).
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// Longest description GitHub accepts, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 140;

/// Longest owner or repository name GitHub allows.
const MAX_NAME_LEN: usize = 100;

/// An owner or repository name: 1..=100 of `A-Z a-z 0-9 - _ .`, and not `.` or `..`.
pub fn name(field: &'static str, value: &str) -> Result<()> {
    if value.is_empty() {
        return Err(Error::invalid(field, "must not be empty"));
    }
    if value.len() > MAX_NAME_LEN {
        return Err(Error::invalid(field, "must be at most 100 characters"));
    }
    if value == "." || value == ".." {
        return Err(Error::invalid(field, "must not be \".\" or \"..\""));
    }
    let allowed = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.');
    if !value.bytes().all(allowed) {
        return Err(Error::invalid(
            field,
            "may contain only letters, digits, '-', '_' and '.'",
        ));
    }
    Ok(())
}

/// An id GitHub issues: a positive int64.
pub fn id(field: &'static str, value: u64) -> Result<()> {
    if value == 0 || value > i64::MAX as u64 {
        return Err(Error::invalid(field, "must be a positive integer"));
    }
    Ok(())
}

/// A status description: at most 140 characters (Unicode scalar values, not bytes).
pub fn description(value: &str) -> Result<()> {
    // Scalar values are the bytes that do not continue a UTF-8 sequence.
    let count = value.bytes().filter(|b| b & 0xC0 != 0x80).count();
    if count > MAX_DESCRIPTION_CHARS {
        let mut message = "must be at most 140 characters (it has ".to_owned();
        crate::core::text::push_number(&mut message, count as u64);
        message.push(')');
        return Err(Error::Validation {
            field: Cow::Borrowed("description"),
            message: Cow::Owned(message),
        });
    }
    Ok(())
}

/// An absolute `http:` or `https:` URL.
pub fn http_url(field: &'static str, value: &str) -> Result<()> {
    if is_http_url(value) {
        Ok(())
    } else {
        Err(Error::invalid(field, "must be an absolute http(s) URL"))
    }
}

/// A base URL: absolute http(s), no credentials, query or fragment; returned without trailing `/`.
#[inline]
pub fn base_url(value: &str) -> Result<String> {
    let authority = authority(value);
    if !is_http_url(value)
        || value.bytes().any(|b| b == b'?' || b == b'#')
        || authority.is_some_and(|a| find_byte(a, b'@').is_some())
    {
        return Err(Error::invalid(
            "baseUrl",
            "must be an absolute http(s) URL without credentials, query or fragment, e.g. https://api.github.com or https://HOST/api/v3",
        ));
    }
    Ok(crate::core::text::trim_run(value, false, |b| b == b'/').to_owned())
}

/// `per_page`: 1..=100.
pub fn per_page(value: u32) -> Result<()> {
    if (1..=100).contains(&value) {
        Ok(())
    } else {
        Err(Error::invalid(
            "per_page",
            "must be an integer from 1 to 100",
        ))
    }
}

/// `page`: 1 or more.
pub fn page(value: u32) -> Result<()> {
    if value >= 1 {
        Ok(())
    } else {
        Err(Error::invalid("page", "must be an integer of at least 1"))
    }
}

/// A token: visible ASCII only, so it can never split or inject a header.
#[inline]
pub fn token(value: &str) -> Result<()> {
    if !value.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Error::invalid(
            "auth",
            "must be printable ASCII without spaces or line breaks",
        ));
    }
    Ok(())
}

/// An API version date such as `2026-03-10`.
#[inline]
pub fn api_version(value: &str) -> Result<()> {
    let bytes = value.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if shape_ok {
        Ok(())
    } else {
        Err(Error::invalid(
            "apiVersion",
            "must be a date like 2026-03-10",
        ))
    }
}

/// A User-Agent: printable ASCII (spaces allowed), no line breaks.
#[inline]
pub fn user_agent(value: &str) -> Result<()> {
    if !value.is_empty() && value.bytes().all(|b| b == b' ' || b.is_ascii_graphic()) {
        Ok(())
    } else {
        Err(Error::invalid(
            "userAgent",
            "must be non-empty printable ASCII without line breaks",
        ))
    }
}

/// A timeout: 1 ms up to the 2^31-1 ms that JS timers allow.
pub fn timeout_ms(value: u64) -> Result<u32> {
    match u32::try_from(value) {
        Ok(ms) if ms >= 1 && ms <= i32::MAX as u32 => Ok(ms),
        _ => Err(Error::invalid(
            "timeoutMs",
            "must be an integer from 1 to 2147483647",
        )),
    }
}

/// The fewest milliseconds between two polls of `watch`: one request a second at most, so a
/// small interval cannot spend the rate limit (GitHub's `X-Poll-Interval` may ask for more).
pub const MIN_WATCH_INTERVAL_MS: u64 = 1_000;

/// A watch interval: 1000 ms up to the 2^31-1 ms that JS timers allow.
pub fn watch_interval_ms(value: u64) -> Result<()> {
    if (MIN_WATCH_INTERVAL_MS..=i32::MAX as u64).contains(&value) {
        Ok(())
    } else {
        Err(Error::invalid(
            "intervalMs",
            "must be an integer from 1000 to 2147483647",
        ))
    }
}

/// A body bound: 1 byte up to 256 MiB. Its text must fit a JS string (V8: 2^29-24 UTF-16 units,
/// which 512 MiB of ASCII would pass by 24), with room to spare.
pub fn max_body_bytes(value: u64) -> Result<u32> {
    match u32::try_from(value) {
        Ok(bytes) if (1..=256 * 1024 * 1024).contains(&bytes) => Ok(bytes),
        _ => Err(Error::invalid(
            "maxBodyBytes",
            "must be an integer from 1 to 268435456",
        )),
    }
}

/// A create's check window: 0 ..= 60000 ms.
pub fn create_check_window_ms(value: u64) -> Result<u32> {
    match u32::try_from(value) {
        Ok(ms) if ms <= 60_000 => Ok(ms),
        _ => Err(Error::invalid(
            "createCheckWindowMs",
            "must be an integer from 0 to 60000",
        )),
    }
}

/// Retries: 0 ..= 10.
pub fn retries(value: u64) -> Result<u32> {
    u32::try_from(value)
        .ok()
        .filter(|n| *n <= 10)
        .ok_or_else(|| Error::invalid("retries", "must be an integer from 0 to 10"))
}

/// The longest rate-limit wait: 0 ..= 2^31-1 ms.
pub fn max_rate_limit_wait_ms(value: u64) -> Result<u64> {
    if value <= i32::MAX as u64 {
        Ok(value)
    } else {
        Err(Error::invalid(
            "maxRateLimitWaitMs",
            "must be an integer from 0 to 2147483647",
        ))
    }
}

/// ETag cache size: 1 ..= 10,000 entries.
#[inline]
pub fn cache_entries(value: u64) -> Result<usize> {
    usize::try_from(value)
        .ok()
        .filter(|n| (1..=10_000).contains(n))
        .ok_or_else(|| Error::invalid("cache", "maxEntries must be an integer from 1 to 10000"))
}

/// Whether `value` is an absolute http(s) URL with a host and no whitespace or control characters.
fn is_http_url(value: &str) -> bool {
    let Some((scheme, _)) = split_scheme(value) else {
        return false;
    };
    let scheme_ok = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
    let clean = !value.chars().any(blank_or_control);
    let host_ok = authority(value).is_some_and(|a| {
        let host = a
            .bytes()
            .rposition(|b| b == b'@')
            .map_or(Some(a), |at| a.get(at + 1..))
            .unwrap_or_default();
        !host.is_empty() && !starts_with_byte(host, b':')
    });
    scheme_ok && clean && host_ok
}

/// Whether `c` is Unicode White_Space or a control character (what `char::is_whitespace` and
/// `is_control` say, without the Unicode table behind the first).
fn blank_or_control(c: char) -> bool {
    matches!(
        c,
        '\0'..=' '
            | '\u{7f}'..='\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

/// The authority part (`user@host:port`) of a URL with a `://`.
/// `scheme` and what follows `://` (a byte search: a substring search costs 4 KB of wasm).
fn split_scheme(value: &str) -> Option<(&str, &str)> {
    let colon = find_byte(value, b':')?;
    let rest = value.get(colon + 1..)?.strip_prefix("//")?;
    Some((value.get(..colon)?, rest))
}

fn authority(value: &str) -> Option<&str> {
    let (_, rest) = split_scheme(value)?;
    let end = (rest.bytes())
        .position(|b| matches!(b, b'/' | b'?' | b'#'))
        .unwrap_or(rest.len());
    rest.get(..end)
}

#[cfg(test)]
mod tests {
    use super::blank_or_control;

    #[test]
    fn blank_or_control_is_whitespace_or_control_for_every_char() {
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            assert_eq!(
                blank_or_control(c),
                c.is_whitespace() || c.is_control(),
                "U+{:04X}",
                u32::from(c)
            );
        }
    }
}
