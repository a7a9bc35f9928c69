//! Native tests of the pure HTTP-semantics decisions: retries, rate limits, duplicate detection,
//! the ETag cache and safe pagination.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use github_deployment_status::pagination::{page_number, under, Cursor};
use github_deployment_status::policy::{
    backoff_ms, decide, is_created_status, parse_timestamp, rate_limit_wait_ms, Attempt, Decision,
    RetryPolicy,
};
use github_deployment_status::{Error, EtagCache, HttpResponse, Method, NewStatus, State};

const NOW_MS: u64 = 1_800_000_000_000;

fn answer(status: u16, headers: &[(&str, &str)], body: &str) -> HttpResponse {
    HttpResponse {
        status,
        url: "https://api.github.com/x".into(),
        headers: headers
            .iter()
            .map(|(n, v)| ((*n).into(), (*v).into()))
            .collect(),
        body: body.into(),
    }
}

fn decide_for(method: Method, response: &HttpResponse, retry: u32) -> Decision {
    decide(
        method,
        Attempt::Answered(response),
        retry,
        &RetryPolicy::default(),
        NOW_MS,
        0.0,
    )
}

#[test]
fn success_and_not_modified_are_accepted() {
    for status in [200, 201, 304] {
        assert_eq!(
            decide_for(Method::Get, &answer(status, &[], ""), 0),
            Decision::Accept
        );
    }
}

#[test]
fn gets_retry_server_errors_with_backoff_until_the_retries_are_spent() {
    for status in [500, 502, 503, 504] {
        let r = answer(status, &[], "");
        assert_eq!(decide_for(Method::Get, &r, 0), Decision::RetryAfter(125));
        assert_eq!(decide_for(Method::Get, &r, 1), Decision::RetryAfter(250));
        assert_eq!(decide_for(Method::Get, &r, 2), Decision::Fail);
    }
    let network = Error::network("reset");
    let timeout = Error::Timeout { timeout_ms: 5 };
    for error in [&network, &timeout] {
        let d = decide(
            Method::Get,
            Attempt::<String>::NoAnswer(error),
            0,
            &RetryPolicy::default(),
            NOW_MS,
            0.0,
        );
        assert!(matches!(d, Decision::RetryAfter(_)));
    }
}

#[test]
fn other_client_errors_are_never_retried() {
    for status in [400, 401, 404, 409, 410, 422] {
        assert_eq!(
            decide_for(Method::Get, &answer(status, &[], ""), 0),
            Decision::Accept
        );
        assert_eq!(
            decide_for(Method::Post, &answer(status, &[], ""), 0),
            Decision::Accept
        );
    }
    let forbidden = answer(
        403,
        &[
            ("x-ratelimit-remaining", "4000"),
            ("x-ratelimit-limit", "5000"),
            ("x-ratelimit-reset", "1"),
        ],
        "{\"message\":\"Resource not accessible by integration\"}",
    );
    assert_eq!(
        decide_for(Method::Get, &forbidden, 0),
        Decision::Accept,
        "a permission 403 is final"
    );
}

#[test]
fn an_abort_is_final() {
    let d = decide(
        Method::Get,
        Attempt::<String>::NoAnswer(&Error::Abort),
        0,
        &RetryPolicy::default(),
        NOW_MS,
        0.5,
    );
    assert_eq!(d, Decision::Fail);
}

#[test]
fn ambiguous_post_failures_are_verified_never_blindly_repeated() {
    for status in [500, 502, 503, 504] {
        for retry in [0, 2] {
            assert_eq!(
                decide_for(Method::Post, &answer(status, &[], ""), retry),
                Decision::Verify
            );
        }
    }
    let reset = Error::network("socket hang up");
    let d = decide(
        Method::Post,
        Attempt::<String>::NoAnswer(&reset),
        0,
        &RetryPolicy::default(),
        NOW_MS,
        0.0,
    );
    assert_eq!(d, Decision::Verify);
}

#[test]
fn rate_limits_wait_as_told_for_posts_and_gets_within_the_bound() {
    let retry_after = answer(429, &[("retry-after", "3")], "");
    assert_eq!(
        decide_for(Method::Post, &retry_after, 0),
        Decision::RetryAfter(3_000)
    );
    assert_eq!(
        decide_for(Method::Get, &retry_after, 0),
        Decision::RetryAfter(3_000)
    );
    let secondary = answer(
        403,
        &[("retry-after", "1")],
        "{\"message\":\"You have exceeded a secondary rate limit\"}",
    );
    assert_eq!(
        decide_for(Method::Post, &secondary, 1),
        Decision::RetryAfter(1_000)
    );
    let reset_s = NOW_MS / 1000 + 10;
    let primary = answer(
        403,
        &[
            ("x-ratelimit-limit", "5000"),
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-reset", &reset_s.to_string()),
        ],
        "{\"message\":\"API rate limit exceeded\"}",
    );
    assert_eq!(
        decide_for(Method::Get, &primary, 0),
        Decision::RetryAfter(11_000)
    );
    let far = answer(
        403,
        &[
            ("x-ratelimit-limit", "5000"),
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-reset", &(NOW_MS / 1000 + 3600).to_string()),
        ],
        "",
    );
    assert_eq!(
        decide_for(Method::Get, &far, 0),
        Decision::Accept,
        "beyond maxRateLimitWaitMs: fail with the answer"
    );
    assert_eq!(
        decide_for(Method::Get, &retry_after, 2),
        Decision::Accept,
        "no retries left"
    );
    let tight = RetryPolicy {
        retries: 2,
        max_rate_limit_wait_ms: 500,
    };
    let d = decide(
        Method::Get,
        Attempt::Answered(&retry_after),
        0,
        &tight,
        NOW_MS,
        0.0,
    );
    assert_eq!(d, Decision::Accept);
    assert_eq!(
        rate_limit_wait_ms(&answer(429, &[], ""), NOW_MS),
        Some(60_000),
        "GitHub: wait a minute"
    );
    assert_eq!(
        rate_limit_wait_ms(
            &answer(403, &[], "{\"message\":\"secondary rate limit\"}"),
            NOW_MS
        ),
        Some(60_000)
    );
    assert_eq!(
        rate_limit_wait_ms(&answer(502, &[("retry-after", "1")], ""), NOW_MS),
        None
    );
}

#[test]
fn backoff_doubles_with_jitter_and_is_capped() {
    assert_eq!(backoff_ms(0, 0.0), 125);
    assert_eq!(backoff_ms(0, 0.999_999), 249);
    assert_eq!(backoff_ms(3, 0.0), 1_000);
    assert_eq!(backoff_ms(10, 1.0), 8_000);
    assert_eq!(backoff_ms(u32::MAX, 1.0), 8_000);
}

fn status(edit: impl FnOnce(&mut serde_json::Value)) -> serde_json::Value {
    let mut value: serde_json::Value = serde_json::from_str(include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/get-deployment-status.200.json"
    )))
    .unwrap();
    edit(&mut value);
    value
}

#[test]
fn a_status_we_posted_is_recognised_and_others_are_not() {
    let created_at = parse_timestamp("2012-07-20T01:19:13Z").unwrap();
    let sent = NewStatus {
        description: Some("Deployment finished successfully.".into()),
        environment: Some("production".into()),
        ..NewStatus::new(State::Success)
    };
    let ours = status(|_| {});
    assert!(is_created_status(&sent, &ours, created_at));
    assert!(
        !is_created_status(&sent, &ours, created_at + 1),
        "created before the window: not ours"
    );
    let other_state = status(|v| v["state"] = "failure".into());
    assert!(!is_created_status(&sent, &other_state, created_at));
    let other_text = status(|v| v["description"] = "something else".into());
    assert!(!is_created_status(&sent, &other_text, created_at));
    let with_log = NewStatus {
        log_url: Some("https://ci.example.com/1".into()),
        ..sent.clone()
    };
    assert!(!is_created_status(&with_log, &ours, created_at));
    let ours_with_log = status(|v| v["log_url"] = "https://ci.example.com/1".into());
    assert!(is_created_status(&with_log, &ours_with_log, created_at));
}

#[test]
fn timestamps_parse_as_rfc3339() {
    assert_eq!(parse_timestamp("1970-01-01T00:00:00Z"), Some(0));
    assert_eq!(parse_timestamp("2026-11-22T02:50:13Z"), Some(1_795_315_813));
    assert_eq!(
        parse_timestamp("2026-11-22T03:50:13+01:00"),
        Some(1_795_315_813)
    );
    assert_eq!(
        parse_timestamp("2026-11-22T02:50:13.123Z"),
        Some(1_795_315_813)
    );
    assert_eq!(parse_timestamp("2000-02-29T00:00:00Z"), Some(951_782_400));
    for bad in [
        "",
        "2026-11-22",
        "2026-13-01T00:00:00Z",
        "2026-11-22T25:00:00Z",
        "yesterday",
        "2026-11-22T02:50:13",
    ] {
        assert_eq!(parse_timestamp(bad), None, "{bad}");
    }
}

#[test]
fn the_etag_cache_is_bounded_and_least_recently_used_goes_first() {
    let link = vec![(
        "link".to_owned(),
        "<https://x/?page=2>; rel=\"next\"".to_owned(),
    )];
    let mut cache = EtagCache::<String>::new(2);
    cache.store("a", "W/\"1\"", &"A1".to_owned(), &link);
    cache.store("b", "W/\"2\"", &"B".to_owned(), &[]);
    assert_eq!(cache.etag("a"), Some("W/\"1\""));
    let hit = cache.hit("a", "W/\"1\"").unwrap();
    assert_eq!((hit.body.as_str(), &hit.headers), ("A1", &link));
    cache.store("c", "W/\"3\"", &"C".to_owned(), &[]);
    assert_eq!(cache.len(), 2);
    assert_eq!(cache.etag("b"), None, "b was least recently used");
    assert!(
        cache.hit("a", "W/\"other\"").is_none(),
        "a different ETag is no hit"
    );
    cache.store("a", "W/\"4\"", &"A2".to_owned(), &[]);
    assert_eq!(cache.hit("a", "W/\"4\"").unwrap().body, "A2");
    assert_eq!(cache.len(), 2);
    assert!(EtagCache::<String>::new(0).is_empty());
}

fn page(link: Option<&str>) -> HttpResponse {
    let headers: Vec<(&str, &str)> = link.map(|l| vec![("link", l)]).unwrap_or_default();
    answer(200, &headers, "[]")
}

#[test]
fn pagination_follows_next_links_and_reports_progress() {
    let base = "https://ghe.example.com/api/v3";
    let url = |n: u32| format!("{base}/repos/o/r/deployments/1/statuses?per_page=2&page={n}");
    let mut cursor = Cursor::new(base, url(1));
    let link1 = format!("<{}>; rel=\"next\", <{}>; rel=\"last\"", url(2), url(3));
    cursor.advance(&page(Some(&link1)), 2).unwrap();
    assert_eq!(cursor.next_url(), Some(url(2).as_str()));
    let p = cursor.progress();
    assert_eq!((p.pages, p.total_pages, p.items), (1, Some(3), 2));
    let link2 = format!(
        "<{}>; rel=\"prev\", <{}>; rel=\"next\", <{}>; rel=\"last\", <{}>; rel=\"first\"",
        url(1),
        url(3),
        url(3),
        url(1)
    );
    cursor.advance(&page(Some(&link2)), 2).unwrap();
    cursor
        .advance(&page(Some(&format!("<{}>; rel=\"prev\"", url(2)))), 1)
        .unwrap();
    assert_eq!(cursor.next_url(), None);
    let p = cursor.progress();
    assert_eq!((p.pages, p.total_pages, p.items), (3, Some(3), 5));
}

#[test]
fn pagination_refuses_loops_and_other_origins() {
    let base = "http://127.0.0.1:8787";
    let first = format!("{base}/repos/o/r/deployments/1/statuses?page=1");
    let mut cursor = Cursor::new(base, first.clone());
    let err = cursor
        .advance(&page(Some(&format!("<{first}>; rel=\"next\""))), 1)
        .unwrap_err();
    assert!(
        matches!(&err, Error::Decode { message, .. } if message.contains("already fetched")),
        "{err:?}"
    );
    for foreign in [
        "http://localhost:8787/repos/o/r/deployments/1/statuses?page=2",
        "http://127.0.0.1:87870/x",
        "https://127.0.0.1:8787/x",
        "http://127.0.0.1:8787.evil.example/x",
        "http://127.0.0.1:8787@evil.example/x",
    ] {
        let mut cursor = Cursor::new(base, first.clone());
        let err = cursor
            .advance(&page(Some(&format!("<{foreign}>; rel=\"next\""))), 1)
            .unwrap_err();
        assert!(
            matches!(&err, Error::Decode { message, .. } if message.contains("outside")),
            "{foreign}"
        );
        assert_eq!(cursor.next_url(), None, "nothing to follow after a refusal");
    }
    assert!(under(
        "https://ghe.example.com/api/v3",
        "https://ghe.example.com/api/v3/repositories/1/x"
    ));
    assert!(!under(
        "https://ghe.example.com/api/v3",
        "https://ghe.example.com/api/v30/x"
    ));
    assert!(!under(
        "https://ghe.example.com/api/v3",
        "https://ghe.example.com/other"
    ));
}

#[test]
fn page_numbers_come_from_the_query() {
    assert_eq!(page_number("https://x/y?per_page=100&page=25"), Some(25));
    assert_eq!(page_number("https://x/y?page=3#frag"), Some(3));
    assert_eq!(page_number("https://x/y?per_page=3"), None);
    assert_eq!(page_number("https://x/y"), None);
}
