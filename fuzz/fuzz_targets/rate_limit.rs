//! `RateLimit::from_headers` on any header pairs, checked against a model of GitHub's headers;
//! and the rate-limit wait and retry decision for the same answer (waits stay bounded).
//!
//! The input is text, one `name: value` header per line (split at the first `:`; a line without
//! one is a name with an empty value), so seeds are readable. Lines starting with `:` set the rest
//! of the situation: `:status 429`, `:now 1700000000000` (ms), `:retry 0`, `:retries 2`,
//! `:max-wait 60000` (ms), `:jitter 0.5`, `:post`. Invalid UTF-8 is read as U+FFFD.
#![no_main]

use github_deployment_status::policy::{self, Attempt, Decision, RetryPolicy};
use github_deployment_status::request::Method;
use github_deployment_status::{HttpResponse, RateLimit};
use libfuzzer_sys::fuzz_target;

/// Longest backoff the retry policy uses (policy.rs: MAX_BACKOFF_MS).
const MAX_BACKOFF_MS: u64 = 8_000;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut headers = Vec::new();
    let (mut status, mut now_ms, mut retry, mut retries, mut max_wait_ms, mut jitter, mut post) = (
        403u16,
        1_700_000_000_000u64,
        0u32,
        2u32,
        60_000u64,
        0.5f64,
        false,
    );
    for line in text.split('\n') {
        if let Some(knob) = line.strip_prefix(':') {
            let (name, value) = knob.split_once(' ').unwrap_or((knob, ""));
            let value = value.trim();
            match name {
                "status" => status = value.parse().unwrap_or(status),
                "now" => now_ms = value.parse().unwrap_or(now_ms),
                "retry" => retry = value.parse().unwrap_or(retry),
                "retries" => retries = value.parse().unwrap_or(retries),
                "max-wait" => max_wait_ms = value.parse().unwrap_or(max_wait_ms),
                "jitter" => jitter = value.parse().unwrap_or(jitter),
                "post" => post = true,
                _ => {}
            }
            continue;
        }
        let (name, value) = line.split_once(':').unwrap_or((line, ""));
        headers.push((name.to_owned(), value.to_owned()));
    }

    let parsed = RateLimit::from_headers(&headers);
    assert_eq!(parsed, model(&headers), "headers {headers:?}");

    // The wait a rate-limited answer asks for, and what the retry policy does with it.
    let response = HttpResponse {
        status,
        url: String::new(),
        headers,
        body: String::new(),
    };
    let _ = policy::rate_limit_wait_ms(&response, now_ms);
    let retry_policy = RetryPolicy {
        retries,
        max_rate_limit_wait_ms: max_wait_ms,
    };
    let method = if post { Method::Post } else { Method::Get };
    let decision = policy::decide(
        method,
        Attempt::Answered(&response),
        retry,
        &retry_policy,
        now_ms,
        jitter,
    );
    match decision {
        Decision::RetryAfter(ms) => {
            assert!(retry < retries, "retried with no retries left");
            assert!(
                ms <= max_wait_ms.max(MAX_BACKOFF_MS),
                "waits {ms} ms, over the bound of {max_wait_ms} ms"
            );
        }
        Decision::Verify => assert!(post, "a GET asked for verification"),
        Decision::Accept | Decision::Fail => {}
    }
    if (200..300).contains(&status) || status == 304 {
        assert_eq!(decision, Decision::Accept);
    }
    assert!(policy::backoff_ms(retry, jitter) <= MAX_BACKOFF_MS);
});

/// What GitHub's documentation says the headers mean: the first of each name (any case), a
/// decimal number after trimming; `used` defaults to `limit - remaining`.
fn model(headers: &[(String, String)]) -> Option<RateLimit> {
    let first = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    let number = |name: &str| first(name).and_then(|v| v.trim().parse::<u64>().ok());
    let limit = number("x-ratelimit-limit")?;
    let remaining = number("x-ratelimit-remaining")?;
    let reset = number("x-ratelimit-reset")?;
    Some(RateLimit {
        limit,
        remaining,
        used: number("x-ratelimit-used").unwrap_or(limit.saturating_sub(remaining)),
        reset,
        resource: first("x-ratelimit-resource").map(|r| r.trim().to_owned()),
    })
}
