//! Retry, rate-limit and duplicate-detection decisions as pure functions of (attempt, answer).

use crate::core::client::FALLBACK_API_VERSION;
use crate::core::deployment_requests::NewDeployment;
use crate::core::error::{Error, HttpError};
use crate::core::json::Json;
use crate::core::request::{Method, NewStatus};
use crate::core::response::{HttpResponse, RateLimit, Text};
use crate::core::text::{contains_ignore_ascii_case, parse_number};

pub use crate::core::retry::{RetryPolicy, DEFAULT_MAX_RATE_LIMIT_WAIT_MS, DEFAULT_RETRIES};

/// GitHub's advice when a rate-limited answer says nothing about when to come back.
const UNSPECIFIED_RATE_LIMIT_WAIT_MS: u64 = 60_000;

/// First backoff step; each retry doubles it, up to [`MAX_BACKOFF_MS`].
const BASE_BACKOFF_MS: u64 = 250;
const MAX_BACKOFF_MS: u64 = 8_000;

/// How far the server's clock may be from ours when no answer carried a `Date` to tell.
pub const CLOCK_SKEW_S: i64 = 300;

/// How long before the server's own time of a POST its status may be stamped: `Date` and
/// `created_at` have whole seconds, and the request takes a moment to arrive.
pub const SERVER_TIME_SLACK_S: i64 = 2;

/// How an attempt ended.
#[derive(Debug, Clone, Copy)]
pub enum Attempt<'a, B = String> {
    /// An answer came (any status).
    Answered(&'a HttpResponse<B>),
    /// No answer: the network, the timeout or the caller's abort.
    NoAnswer(&'a Error),
}

/// What to do after an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Keep the answer (success, 304, or an error that retrying cannot fix).
    Accept,
    /// Try again after waiting this many milliseconds.
    RetryAfter(u64),
    /// A POST may or may not have acted: read the latest statuses before deciding.
    Verify,
    /// Stop with this failure.
    Fail,
}

/// Decides what follows an attempt; `retry` counts retries made so far, `jitter` is in [0, 1).
pub fn decide<B: Text>(
    method: Method,
    attempt: Attempt<'_, B>,
    retry: u32,
    policy: &RetryPolicy,
    now_ms: u64,
    jitter: f64,
) -> Decision {
    let retries_left = retry < policy.retries;
    let ambiguous = || match (method, retries_left) {
        (Method::Post, _) => Decision::Verify,
        // Repeating a DELETE cannot delete twice (see `engine::delete` for a lost answer).
        (Method::Get | Method::Delete, true) => Decision::RetryAfter(backoff_ms(retry, jitter)),
        (Method::Get | Method::Delete, false) => Decision::Fail,
    };
    match attempt {
        // The caller's abort, and an answer too large to read (it came: retrying reads it again).
        Attempt::NoAnswer(Error::Abort | Error::Decode { .. }) => Decision::Fail,
        Attempt::NoAnswer(_) => ambiguous(),
        Attempt::Answered(response) => {
            if (200..300).contains(&response.status) || response.status == 304 {
                return Decision::Accept;
            }
            let told = |wait: u64| {
                if retries_left && wait <= policy.max_rate_limit_wait_ms {
                    Decision::RetryAfter(wait)
                } else {
                    Decision::Accept
                }
            };
            if let Some(wait) = rate_limit_wait_ms(response, now_ms) {
                // GitHub did not act on a rate-limited request: a POST is as safe to repeat as a GET.
                return told(wait);
            }
            match (response.status, method) {
                // RFC 9110 gives Retry-After on a 503 the meaning it has on a 429; a POST's 503
                // may still have acted, so it is checked as any 5xx is.
                (503, Method::Get) => retry_after_ms(response, now_ms).map_or_else(ambiguous, told),
                (500 | 502 | 503 | 504, _) => ambiguous(),
                _ => Decision::Accept,
            }
        }
    }
}

/// Whether GitHub refused a request for its `X-GitHub-Api-Version` (400 or 410 saying so) while
/// the request asked for another version than the fallback: GitHub did not act on it.
pub fn unsupported_api_version(refused: &HttpError) -> bool {
    let asked = refused
        .request
        .headers
        .iter()
        .find(|(name, _)| *name == "x-github-api-version")
        .map(|(_, version)| version.as_str());
    let says = |words| contains_ignore_ascii_case(&refused.message, words);
    matches!(refused.status, 400 | 410)
        && asked.is_some_and(|version| version != FALLBACK_API_VERSION)
        && (says("api-version") || says("api version"))
}

/// Exponential backoff with jitter: 250 ms, 500 ms, 1 s ... up to 8 s, each scaled by 50-100 %.
pub fn backoff_ms(retry: u32, jitter: f64) -> u64 {
    let step = BASE_BACKOFF_MS
        .saturating_mul(1u64 << retry.min(16))
        .min(MAX_BACKOFF_MS);
    let scale = 0.5 + jitter.clamp(0.0, 1.0) / 2.0;
    (step as f64 * scale) as u64
}

/// How long a rate-limited answer (429, or a 403 that says so) asks us to wait; `None` if it is not one.
pub fn rate_limit_wait_ms<B: Text>(response: &HttpResponse<B>, now_ms: u64) -> Option<u64> {
    if response.status != 429 && response.status != 403 {
        return None;
    }
    if let Some(wait) = retry_after_ms(response, now_ms) {
        return Some(wait);
    }
    if let Some(limit) = RateLimit::from_headers(&response.headers).filter(|r| r.remaining == 0) {
        // One second past the reset, for clock differences.
        return Some(
            limit
                .reset
                .saturating_mul(1000)
                .saturating_add(1000)
                .saturating_sub(now_ms),
        );
    }
    let secondary = response.body.contains_text("secondary rate limit");
    (response.status == 429 || secondary).then_some(UNSPECIFIED_RATE_LIMIT_WAIT_MS)
}

/// How long `Retry-After` asks to wait, in milliseconds: delay-seconds or an HTTP-date (RFC 9110);
/// `None` without the header; `u64::MAX` for a value that cannot be read or overflows, which no
/// bound on waiting admits, so the call fails at once instead of guessing.
pub fn retry_after_ms<B>(response: &HttpResponse<B>, now_ms: u64) -> Option<u64> {
    let value = response.header("retry-after")?.trim_ascii();
    let wait = match parse_number(value) {
        Some(seconds) => seconds.checked_mul(1000),
        None => http_date_s(value).map(|at| {
            u64::try_from(at)
                .unwrap_or(0)
                .saturating_mul(1000)
                .saturating_sub(now_ms)
        }),
    };
    Some(wait.unwrap_or(u64::MAX))
}

/// Seconds since the Unix epoch of an IMF-fixdate such as `Sun, 06 Nov 1994 08:49:37 GMT` (the
/// only form RFC 9110 lets servers send), read by its fixed columns.
pub fn http_date_s(text: &str) -> Option<i64> {
    const MONTHS: &[u8; 36] = b"JanFebMarAprMayJunJulAugSepOctNovDec";
    let b = text.as_bytes();
    if b.len() != 29 || b.get(3) != Some(&b',') || b.get(25..) != Some(b" GMT".as_slice()) {
        return None;
    }
    let month = MONTHS.chunks(3).position(|m| Some(m) == b.get(8..11))? + 1;
    // Rearranged as RFC 3339, `YYYY-MM-DDThh:mm:ssZ`, for the one date parser.
    let mut iso = *b"0000-00-00T00:00:00Z";
    iso.get_mut(0..4)?.copy_from_slice(b.get(12..16)?);
    iso.get_mut(5..7)?
        .copy_from_slice(&[b'0' + (month / 10) as u8, b'0' + (month % 10) as u8]);
    iso.get_mut(8..10)?.copy_from_slice(b.get(5..7)?);
    iso.get_mut(11..19)?.copy_from_slice(b.get(17..25)?);
    parse_timestamp(std::str::from_utf8(&iso).ok()?)
}

/// Whether `candidate` (a status as GitHub returned it) is the one `sent` would have created at
/// or after `not_before_s` (Unix seconds, the server's clock).
pub fn is_created_status<J: Json>(sent: &NewStatus, candidate: &J, not_before_s: i64) -> bool {
    let text = |key: &str| candidate.field(key).and_then(|v| v.string());
    let same = |wanted: &Option<String>, key: &str| {
        wanted
            .as_deref()
            .is_none_or(|w| text(key).as_deref() == Some(w))
    };
    text("state").as_deref() == Some(sent.state.as_str())
        && text("description").unwrap_or_default()
            == sent.description.as_deref().unwrap_or_default()
        && same(&sent.environment, "environment")
        && same(&sent.environment_url, "environment_url")
        && same(&sent.log_url, "log_url")
        && same(&sent.target_url, "target_url")
        && created_at_s(candidate).is_some_and(|created| created >= not_before_s)
}

/// Whether `candidate` (a deployment as GitHub returned it) is the one `sent` would have created
/// at or after `not_before_s` (Unix seconds, the server's clock): same ref, task, environment and
/// description.
pub fn is_created_deployment<J: Json>(
    sent: &NewDeployment,
    candidate: &J,
    not_before_s: i64,
) -> bool {
    let text = |key: &str| candidate.field(key).and_then(|v| v.string());
    text("ref").as_deref() == Some(sent.git_ref.as_str())
        && text("task").as_deref() == Some(sent.task_or_default())
        && text("environment").as_deref() == Some(sent.environment_or_default())
        && text("description").unwrap_or_default()
            == sent.description.as_deref().unwrap_or_default()
        && created_at_s(candidate).is_some_and(|created| created >= not_before_s)
}

/// When `candidate` was stamped (`created_at`), in seconds since the Unix epoch.
pub fn created_at_s<J: Json>(candidate: &J) -> Option<i64> {
    parse_timestamp(&candidate.field("created_at")?.string()?)
}

/// Seconds since the Unix epoch of an RFC 3339 UTC time such as `2026-11-22T02:50:13Z`.
pub fn parse_timestamp(text: &str) -> Option<i64> {
    let digits = |from: usize, to: usize| -> Option<i64> {
        parse_number(text.get(from..to)?).map(|n| n as i64)
    };
    let separators_ok = text.get(4..5) == Some("-")
        && text.get(7..8) == Some("-")
        && matches!(text.get(10..11), Some("T" | "t" | " "))
        && text.get(13..14) == Some(":")
        && text.get(16..17) == Some(":");
    if !separators_ok {
        return None;
    }
    let (year, month, day) = (digits(0, 4)?, digits(5, 7)?, digits(8, 10)?);
    let (hour, minute, second) = (digits(11, 13)?, digits(14, 16)?, digits(17, 19)?);
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    // Days from 1970-01-01 to the civil date (proleptic Gregorian).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let offset = timezone_offset_s(text.get(19..)?)?;
    Some(days * 86_400 + hour * 3_600 + minute * 60 + second - offset)
}

/// The offset of `Z`, `+hh:mm` or `-hh:mm` (after optional fractional seconds), in seconds.
fn timezone_offset_s(rest: &str) -> Option<i64> {
    let rest = match rest.strip_prefix('.') {
        Some(fraction) => crate::core::text::trim_run(fraction, true, |b| b.is_ascii_digit()),
        None => rest,
    };
    if rest.eq_ignore_ascii_case("z") {
        return Some(0);
    }
    let sign = match rest.get(..1)? {
        "+" => 1,
        "-" => -1,
        _ => return None,
    };
    let hours = parse_number(rest.get(1..3)?)? as i64;
    let minutes = parse_number(rest.get(4..6)?)? as i64;
    (rest.get(3..4) == Some(":") && rest.len() == 6)
        .then_some(sign * (hours * 3_600 + minutes * 60))
}
