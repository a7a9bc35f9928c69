//! The engine on the host: retries, backoff, rate-limit waits, timeouts and aborts, on a
//! scripted runtime with a virtual clock.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod scripted;

use github_deployment_status::{Client, Error, State};
use scripted::{
    answer, at, client, get_one, list, one_status, reset, run, status, Scripted, Step, START_MS,
    STATUSES,
};

#[test]
fn a_get_answered_502_is_retried_after_a_backoff_and_resolves_with_the_200() {
    let rt = Scripted::new(vec![answer(502, &[], ""), answer(200, &[], &one_status())]);
    assert_eq!(get_one(&rt, &client()), Ok(200));
    assert_eq!(rt.sent().len(), 2);
    // 250 ms scaled by 0.5 + jitter/2 (jitter 0.5 here).
    assert_eq!(rt.waits(), vec![187]);
    assert_eq!(rt.sent()[1].at_ms, 187);
}

#[test]
fn gets_stop_after_the_retries_with_githubs_error() {
    let rt = Scripted::new(vec![
        answer(503, &[], r#"{"message":"busy"}"#),
        answer(503, &[], r#"{"message":"busy"}"#),
        answer(503, &[], r#"{"message":"still busy"}"#),
    ]);
    let error = get_one(&rt, &client()).unwrap_err();
    let Error::Http(http) = error else {
        panic!("{error:?}")
    };
    assert_eq!((http.status, http.message.as_str()), (503, "still busy"));
    assert_eq!(rt.waits(), vec![187, 375], "backoff doubles");
}

#[test]
fn retries_zero_means_one_attempt() {
    let rt = Scripted::new(vec![answer(502, &[], "")]);
    let client = Client::builder().retries(0).build().unwrap();
    assert_eq!(get_one(&rt, &client).unwrap_err().status(), 502);
    assert_eq!(rt.sent().len(), 1);
    assert!(rt.waits().is_empty());
}

#[test]
fn a_reset_connection_on_a_get_is_retried() {
    let rt = Scripted::new(vec![reset(), answer(200, &[], &one_status())]);
    assert_eq!(get_one(&rt, &client()), Ok(200));
    assert_eq!(rt.sent().len(), 2);
}

#[test]
fn network_errors_past_the_retries_reject_with_network_error() {
    let rt = Scripted::new(vec![reset(), reset(), reset()]);
    let error = get_one(&rt, &client()).unwrap_err();
    assert_eq!(error.name(), "NetworkError");
    assert_eq!(rt.sent().len(), 3);
}

#[test]
fn each_attempt_gets_the_clients_timeout_and_a_stalled_one_is_retried() {
    let rt = Scripted::new(vec![Step::Stall, answer(200, &[], &one_status())]);
    let client = Client::builder().timeout_ms(1_500).build().unwrap();
    assert_eq!(get_one(&rt, &client), Ok(200));
    assert_eq!(rt.sent()[1].at_ms, 1_500 + 187);
}

#[test]
fn stalled_attempts_past_the_retries_reject_with_timeout_error() {
    let rt = Scripted::new(vec![Step::Stall, Step::Stall]);
    let client = Client::builder()
        .timeout_ms(800)
        .retries(1)
        .build()
        .unwrap();
    assert_eq!(
        get_one(&rt, &client),
        Err(Error::Timeout { timeout_ms: 800 })
    );
    assert_eq!(rt.elapsed_ms(), 800 + 187 + 800);
}

#[test]
fn a_429_with_retry_after_waits_exactly_that_long() {
    let rt = Scripted::new(vec![
        answer(429, &[("retry-after", "3")], r#"{"message":"slow down"}"#),
        answer(200, &[], &one_status()),
    ]);
    assert_eq!(get_one(&rt, &client()), Ok(200));
    assert_eq!(rt.waits(), vec![3_000]);
}

#[test]
fn an_exhausted_primary_limit_waits_until_one_second_past_the_reset() {
    let reset_s = (START_MS / 1000 + 20).to_string();
    let rt = Scripted::new(vec![
        answer(
            403,
            &[
                ("x-ratelimit-limit", "5000"),
                ("x-ratelimit-remaining", "0"),
                ("x-ratelimit-reset", &reset_s),
            ],
            r#"{"message":"API rate limit exceeded"}"#,
        ),
        answer(200, &[], &one_status()),
    ]);
    assert_eq!(get_one(&rt, &client()), Ok(200));
    assert_eq!(rt.waits(), vec![21_000]);
}

#[test]
fn a_reset_later_than_max_rate_limit_wait_fails_at_once_with_the_limit() {
    let reset_s = (START_MS / 1000 + 3_600).to_string();
    let rt = Scripted::new(vec![answer(
        403,
        &[
            ("x-ratelimit-limit", "5000"),
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-reset", &reset_s),
        ],
        r#"{"message":"API rate limit exceeded"}"#,
    )]);
    let client = Client::builder()
        .max_rate_limit_wait_ms(60_000)
        .build()
        .unwrap();
    let Err(Error::Http(http)) = get_one(&rt, &client) else {
        panic!("expected HttpError")
    };
    assert_eq!(http.status, 403);
    assert_eq!(http.rate_limit.unwrap().reset, START_MS / 1000 + 3_600);
    assert!(rt.waits().is_empty(), "no wait it would give up on anyway");
    assert_eq!(rt.elapsed_ms(), 0);
}

#[test]
fn a_secondary_rate_limit_without_headers_waits_a_minute_within_the_bound() {
    let body = r#"{"message":"You have exceeded a secondary rate limit"}"#;
    let rt = Scripted::new(vec![
        answer(403, &[], body),
        answer(200, &[], &one_status()),
    ]);
    assert_eq!(get_one(&rt, &client()), Ok(200));
    assert_eq!(rt.waits(), vec![60_000]);

    let rt = Scripted::new(vec![answer(403, &[], body)]);
    let short = Client::builder()
        .max_rate_limit_wait_ms(1_000)
        .build()
        .unwrap();
    assert_eq!(get_one(&rt, &short).unwrap_err().status(), 403);
    assert!(rt.waits().is_empty());
}

#[test]
fn the_callers_abort_during_a_backoff_ends_the_call_without_another_request() {
    let rt = Scripted::new(vec![answer(502, &[], "")]).abort_after(100);
    assert_eq!(get_one(&rt, &client()), Err(Error::Abort));
    assert_eq!(rt.sent().len(), 1);
    assert_eq!(
        rt.elapsed_ms(),
        100,
        "at the abort, not after the 187 ms backoff"
    );
}

#[test]
fn the_callers_abort_during_a_rate_limit_wait_ends_the_call_at_once() {
    let rt = Scripted::new(vec![answer(429, &[("retry-after", "30")], "")]).abort_after(5_000);
    assert_eq!(get_one(&rt, &client()), Err(Error::Abort));
    assert_eq!(rt.sent().len(), 1);
    assert_eq!(rt.elapsed_ms(), 5_000);
}

#[test]
fn the_callers_abort_during_a_request_ends_it_as_abort_not_timeout() {
    let rt = Scripted::new(vec![Step::Stall]).abort_after(250);
    assert_eq!(get_one(&rt, &client()), Err(Error::Abort));
    assert_eq!(rt.elapsed_ms(), 250);
}

#[test]
fn an_abort_before_the_call_sends_nothing() {
    let rt = Scripted::new(vec![]).abort_after(0);
    assert_eq!(get_one(&rt, &client()), Err(Error::Abort));
    assert!(rt.sent().is_empty());
}

#[test]
fn a_4xx_is_not_retried() {
    let rt = Scripted::new(vec![answer(404, &[], r#"{"message":"Not Found"}"#)]);
    assert_eq!(get_one(&rt, &client()).unwrap_err().status(), 404);
    assert_eq!(rt.sent().len(), 1);
}

#[test]
fn the_rust_builders_send_through_any_runtime_and_decode_typed_values() {
    let client = client();
    let statuses = client.deployment_statuses("octo-org", "hello-world", 42);
    let rt = Scripted::new(vec![
        answer(502, &[], ""),
        answer(
            200,
            &[
                ("x-ratelimit-limit", "5000"),
                ("x-ratelimit-remaining", "4999"),
                ("x-ratelimit-reset", "1"),
            ],
            &list(&[
                status(2, "in_progress", "b", &at(-5)),
                status(1, "queued", "a", &at(-9)),
            ]),
        ),
    ]);
    let page = run(statuses.list().per_page(2).send_with(&rt)).unwrap();
    assert_eq!(page.data.len(), 2);
    assert_eq!(page.data[0].state, State::InProgress);
    assert_eq!(page.rate_limit.unwrap().remaining, 4999);
    assert_eq!(rt.lines(), vec![format!("GET {STATUSES}?per_page=2"); 2]);
    assert_eq!(
        rt.sent()[0].header("authorization"),
        Some("Bearer ghp_scripted")
    );
}

#[test]
fn a_server_that_does_not_know_the_version_is_asked_once_more_with_the_fallback_which_sticks() {
    let unsupported = r#"{"message":"Unsupported 'X-GitHub-Api-Version' header '2026-03-10'. The supported versions are: 2022-11-28."}"#;
    let rt = Scripted::new(vec![
        answer(400, &[], unsupported),
        answer(200, &[], &one_status()),
        answer(200, &[], &one_status()),
    ]);
    let client = client();
    assert_eq!(client.api_version(), Some("2026-03-10"));
    assert_eq!(get_one(&rt, &client), Ok(200));
    assert_eq!(get_one(&rt, &client), Ok(200));
    let versions: Vec<_> = rt
        .sent()
        .iter()
        .map(|s| s.header("x-github-api-version").map(str::to_owned))
        .collect();
    let fallback = Some("2022-11-28".to_owned());
    assert_eq!(
        versions,
        vec![Some("2026-03-10".to_owned()), fallback.clone(), fallback]
    );
    assert_eq!(client.api_version(), Some("2022-11-28"));
    assert!(rt.waits().is_empty(), "no backoff: the server did not act");
}

#[test]
fn a_version_refused_with_the_fallback_too_is_the_servers_error() {
    let unsupported = r#"{"message":"Unsupported 'X-GitHub-Api-Version' header"}"#;
    let rt = Scripted::new(vec![
        answer(410, &[], unsupported),
        answer(410, &[], unsupported),
    ]);
    let client = client();
    assert_eq!(get_one(&rt, &client).unwrap_err().status(), 410);
    assert_eq!(rt.sent().len(), 2, "one fallback, never a loop");
    let other = Scripted::new(vec![answer(
        400,
        &[],
        r#"{"message":"Problems parsing JSON"}"#,
    )]);
    assert_eq!(
        get_one(&other, &Client::builder().build().unwrap())
            .unwrap_err()
            .status(),
        400
    );
    assert_eq!(
        other.sent().len(),
        1,
        "a 400 for another reason is not retried"
    );
}

#[test]
fn retry_after_on_a_503_is_honoured_for_a_get() {
    let rt = Scripted::new(vec![
        answer(503, &[("retry-after", "2")], ""),
        answer(200, &[], &one_status()),
    ]);
    assert_eq!(get_one(&rt, &client()), Ok(200));
    assert_eq!(rt.waits(), vec![2_000]);
}

#[test]
fn retry_after_as_an_http_date_is_honoured() {
    // START_MS is Fri, 15 Jan 2027 08:00:00 GMT.
    let rt = Scripted::new(vec![
        answer(429, &[("retry-after", "Fri, 15 Jan 2027 08:00:05 GMT")], ""),
        answer(200, &[], &one_status()),
    ]);
    assert_eq!(get_one(&rt, &client()), Ok(200));
    assert_eq!(rt.waits(), vec![5_000]);
}

#[test]
fn a_retry_after_that_overflows_or_cannot_be_read_fails_at_once() {
    for value in [
        "99999999999999999999",
        "soon",
        "Fri, 15 Jan 2027 08:00:05 PST",
    ] {
        let rt = Scripted::new(vec![answer(429, &[("retry-after", value)], "")]);
        assert_eq!(
            get_one(&rt, &client()).unwrap_err().status(),
            429,
            "{value}"
        );
        assert!(rt.waits().is_empty(), "{value}: no guessed wait");
        let rt = Scripted::new(vec![answer(503, &[("retry-after", value)], "")]);
        assert_eq!(
            get_one(&rt, &client()).unwrap_err().status(),
            503,
            "{value}"
        );
        assert!(rt.waits().is_empty(), "{value}: no guessed wait");
    }
}

#[test]
fn a_retry_after_past_max_rate_limit_wait_fails_at_once() {
    let rt = Scripted::new(vec![answer(503, &[("retry-after", "120")], "")]);
    let client = Client::builder()
        .max_rate_limit_wait_ms(60_000)
        .build()
        .unwrap();
    assert_eq!(get_one(&rt, &client).unwrap_err().status(), 503);
    assert!(rt.waits().is_empty());
}

#[test]
fn an_answer_past_max_body_bytes_is_a_decode_error_and_not_retried() {
    let rt = Scripted::new(vec![answer(200, &[], &one_status())]);
    let client = Client::builder().max_body_bytes(16).build().unwrap();
    let error = get_one(&rt, &client).unwrap_err();
    assert_eq!((error.name(), error.status()), ("DecodeError", 200));
    assert_eq!(rt.sent().len(), 1);
}
