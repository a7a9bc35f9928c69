//! The engine on the host: a status is created exactly once, whatever the network does to the
//! POST, on a scripted runtime with a virtual clock.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod scripted;

use github_deployment_status::{Client, Error, State};
use scripted::{answer, at, list, reset, run, status, Scripted, Step, STATUSES};

/// A client whose check reads once (no window of re-reads), for the scenarios of one read.
fn client() -> Client {
    Client::builder()
        .auth("ghp_scripted")
        .create_check_window_ms(0)
        .build()
        .unwrap()
}

fn created(id: u64, description: &str) -> String {
    status(id, "success", description, &at(0)).to_string()
}

fn post(
    rt: &Scripted,
    client: &Client,
    description: &str,
) -> github_deployment_status::Result<
    github_deployment_status::Response<github_deployment_status::DeploymentStatus>,
> {
    let future = client
        .deployment_statuses("octo-org", "hello-world", 42)
        .create(State::Success)
        .description(description)
        .send_with(rt);
    run(future)
}

fn posts(rt: &Scripted) -> usize {
    rt.sent().iter().filter(|s| s.method == "POST").count()
}

#[test]
fn a_post_answered_201_resolves_with_the_created_status() {
    let rt = Scripted::new(vec![answer(201, &[], &created(7, "deployed"))]);
    let got = post(&rt, &client(), "deployed").unwrap();
    assert_eq!((got.status, got.data.id), (201, 7));
    let sent = &rt.sent()[0];
    assert_eq!(sent.url, STATUSES);
    let body: serde_json::Value = serde_json::from_str(sent.body.as_deref().unwrap()).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"state": "success", "description": "deployed"})
    );
}

#[test]
fn a_post_whose_answer_is_lost_is_found_by_the_check_and_not_posted_again() {
    let rt = Scripted::new(vec![
        reset(),
        answer(
            200,
            &[],
            &list(&[status(9, "success", "lost answer", &at(0))]),
        ),
    ]);
    let got = post(&rt, &client(), "lost answer").unwrap();
    assert_eq!((got.status, got.data.id), (201, 9));
    assert_eq!(posts(&rt), 1);
    assert_eq!(rt.lines()[1], format!("GET {STATUSES}?per_page=100"));
}

#[test]
fn a_post_that_timed_out_but_acted_is_found_and_not_posted_again() {
    let rt = Scripted::new(vec![
        Step::Stall,
        answer(200, &[], &list(&[status(9, "success", "slow", &at(30))])),
    ]);
    let client = Client::builder()
        .timeout_ms(30_000)
        .create_check_window_ms(0)
        .build()
        .unwrap();
    let got = post(&rt, &client, "slow").unwrap();
    assert_eq!(got.data.id, 9);
    assert_eq!(posts(&rt), 1);
}

#[test]
fn a_post_answered_502_and_not_found_is_posted_again_after_a_backoff() {
    let rt = Scripted::new(vec![
        answer(502, &[], ""),
        answer(
            200,
            &[],
            &list(&[status(3, "success", "older", &at(-3_600))]),
        ),
        answer(201, &[], &created(10, "second try")),
    ]);
    let got = post(&rt, &client(), "second try").unwrap();
    assert_eq!(got.data.id, 10);
    assert_eq!(posts(&rt), 2);
    assert_eq!(rt.waits(), vec![375], "backoff of the first retry");
}

#[test]
fn a_match_created_long_before_the_post_is_not_taken_for_it() {
    // Same state and description, but an hour older than the POST: another call's status.
    let rt = Scripted::new(vec![
        answer(500, &[], ""),
        answer(
            200,
            &[],
            &list(&[status(3, "success", "same text", &at(-3_600))]),
        ),
        answer(201, &[], &created(11, "same text")),
    ]);
    assert_eq!(post(&rt, &client(), "same text").unwrap().data.id, 11);
    assert_eq!(posts(&rt), 2);
}

#[test]
fn a_status_with_another_state_or_description_is_not_taken_for_the_post() {
    let rt = Scripted::new(vec![
        reset(),
        answer(
            200,
            &[],
            &list(&[
                status(4, "failure", "mine", &at(0)),
                status(5, "success", "not mine", &at(0)),
            ]),
        ),
        answer(201, &[], &created(12, "mine")),
    ]);
    assert_eq!(post(&rt, &client(), "mine").unwrap().data.id, 12);
    assert_eq!(posts(&rt), 2);
}

#[test]
fn when_the_check_cannot_read_the_list_the_post_is_not_repeated() {
    let rt = Scripted::new(vec![answer(502, &[], ""), reset(), reset(), reset()]);
    let error = post(&rt, &client(), "unknowable").unwrap_err();
    assert_eq!(error.status(), 502, "the POST's own error");
    assert!(error.may_have_been_created());
    assert!(error.message().contains("may have been created"), "{error}");
    assert_eq!(posts(&rt), 1);
}

#[test]
fn a_post_refused_with_422_is_neither_checked_nor_repeated() {
    let rt = Scripted::new(vec![answer(
        422,
        &[],
        r#"{"message":"Validation Failed","errors":[{"resource":"DeploymentStatus","code":"custom","message":"spammed"}]}"#,
    )]);
    let Err(Error::Http(http)) = post(&rt, &client(), "x") else {
        panic!("expected HttpError")
    };
    assert_eq!((http.status, http.errors.len()), (422, 1));
    assert_eq!(rt.sent().len(), 1);
}

#[test]
fn a_rate_limited_post_is_repeated_without_a_check() {
    // GitHub did not act on a rate-limited request.
    let rt = Scripted::new(vec![
        answer(429, &[("retry-after", "2")], ""),
        answer(201, &[], &created(13, "after the limit")),
    ]);
    assert_eq!(post(&rt, &client(), "after the limit").unwrap().data.id, 13);
    assert_eq!(rt.lines(), vec![format!("POST {STATUSES}"); 2]);
    assert_eq!(rt.waits(), vec![2_000]);
}

#[test]
fn with_no_retries_left_an_unfound_status_rejects_with_the_posts_error() {
    let rt = Scripted::new(vec![reset(), answer(200, &[], "[]")]);
    let client = Client::builder()
        .retries(0)
        .create_check_window_ms(0)
        .build()
        .unwrap();
    assert_eq!(post(&rt, &client, "x").unwrap_err().name(), "NetworkError");
    assert_eq!(posts(&rt), 1);
}

#[test]
fn an_abort_during_the_wait_before_reposting_ends_the_call_with_one_post() {
    let rt = Scripted::new(vec![answer(502, &[], ""), answer(200, &[], "[]")]).abort_after(100);
    assert_eq!(post(&rt, &client(), "x"), Err(Error::Abort));
    assert_eq!(posts(&rt), 1);
}

#[test]
fn an_abort_during_the_check_ends_the_call_as_abort() {
    let rt = Scripted::new(vec![reset(), Step::Stall]).abort_after(1_000);
    let error = post(&rt, &client(), "x").unwrap_err();
    assert_eq!(error, Error::MaybeCreated(Box::new(Error::Abort)));
    assert_eq!(error.name(), "AbortError");
    assert_eq!(posts(&rt), 1);
}

#[test]
fn a_bad_status_is_refused_before_anything_is_sent() {
    let rt = Scripted::new(vec![]);
    let error = post(&rt, &client(), &"x".repeat(141)).unwrap_err();
    assert_eq!(error.name(), "ValidationError");
    assert!(rt.sent().is_empty());
}

fn dated(status_code: u16, offset_s: i64, headers: &[(&str, &str)], body: &str) -> Step {
    let date = scripted::http_date(offset_s);
    let mut all = vec![("date", date.as_str())];
    all.extend_from_slice(headers);
    answer(status_code, &all, body)
}

#[test]
fn a_status_that_shows_in_lists_late_is_found_by_a_later_read_of_the_window() {
    let rt = Scripted::new(vec![
        reset(),
        dated(200, 0, &[], "[]"),
        dated(200, 1, &[], "[]"),
        dated(
            200,
            2,
            &[],
            &list(&[status(21, "success", "lagging", &at(0))]),
        ),
    ]);
    let got = post(&rt, &scripted::client(), "lagging").unwrap();
    assert_eq!(got.data.id, 21);
    assert_eq!(posts(&rt), 1);
    assert_eq!(rt.waits(), vec![500, 1_000]);
}

#[test]
fn the_check_reads_back_past_a_page_of_newer_statuses() {
    let newer: Vec<_> = (0..100)
        .map(|i| status(1_000 - i, "queued", "someone else", &at(5)))
        .collect();
    let next = format!("<{STATUSES}?per_page=100&page=2>; rel=\"next\"");
    let rt = Scripted::new(vec![
        Step::Stall,
        dated(200, 30, &[("link", &next)], &list(&newer)),
        dated(
            200,
            30,
            &[],
            &list(&[status(500, "success", "buried", &at(0))]),
        ),
    ]);
    let client = Client::builder().timeout_ms(30_000).build().unwrap();
    let got = post(&rt, &client, "buried").unwrap();
    assert_eq!(got.data.id, 500);
    assert_eq!(posts(&rt), 1);
}

#[test]
fn a_server_clock_ten_minutes_behind_is_read_from_its_date() {
    // The server stamps and dates ten minutes earlier than the client's clock.
    let rt = Scripted::new(vec![
        reset(),
        dated(
            200,
            -600,
            &[],
            &list(&[status(30, "success", "skewed", &at(-600))]),
        ),
    ]);
    let got = post(&rt, &scripted::client(), "skewed").unwrap();
    assert_eq!(got.data.id, 30);
    assert_eq!(posts(&rt), 1);
}

#[test]
fn a_status_older_than_the_post_by_the_servers_clock_is_not_taken_for_it() {
    // Stamped 10 s before the POST by the server's clock (which is 10 min behind ours).
    let old = status(31, "success", "same", &at(-610));
    let rt = Scripted::new(vec![
        reset(),
        dated(200, -600, &[], &list(&[old])),
        answer(201, &[], &created(32, "same")),
    ]);
    let client = Client::builder().create_check_window_ms(0).build().unwrap();
    assert_eq!(post(&rt, &client, "same").unwrap().data.id, 32);
    assert_eq!(posts(&rt), 2);
}

#[test]
fn a_status_an_earlier_call_resolved_with_is_never_the_answer_to_a_later_one() {
    let client = client();
    let rt = Scripted::new(vec![answer(201, &[], &created(40, "twice"))]);
    assert_eq!(post(&rt, &client, "twice").unwrap().data.id, 40);
    // The second POST of the same params is lost and stored nothing: the first call's status
    // matches in every field and time, but it is the first call's.
    rt.then(vec![
        reset(),
        dated(
            200,
            0,
            &[],
            &list(&[status(40, "success", "twice", &at(0))]),
        ),
        answer(201, &[], &created(41, "twice")),
    ]);
    assert_eq!(post(&rt, &client, "twice").unwrap().data.id, 41);
    assert_eq!(posts(&rt), 3);
}

#[test]
fn absence_is_concluded_only_after_the_whole_window() {
    let mut steps = vec![reset()];
    steps.extend((0..6).map(|i| dated(200, i, &[], "[]")));
    steps.push(answer(201, &[], &created(50, "absent")));
    let rt = Scripted::new(steps);
    assert_eq!(
        post(&rt, &scripted::client(), "absent").unwrap().data.id,
        50
    );
    assert_eq!(
        rt.waits(),
        vec![500, 1_000, 2_000, 3_000, 3_500, 375],
        "reads over 10 s, then the backoff"
    );
    assert_eq!(posts(&rt), 2);
}

#[test]
fn a_created_answer_that_does_not_decode_says_it_may_have_been_created() {
    let rt = Scripted::new(vec![answer(201, &[], r#"{"id":"not a number"}"#)]);
    let error = post(&rt, &client(), "x").unwrap_err();
    assert_eq!(error.name(), "DecodeError");
    assert!(error.may_have_been_created());
}

#[test]
fn a_created_answer_too_large_to_read_is_not_posted_again_and_says_so() {
    let big = format!("{}{}", created(60, "big"), " ".repeat(64));
    let rt = Scripted::new(vec![answer(201, &[], &big)]);
    let client = Client::builder()
        .max_body_bytes(32)
        .create_check_window_ms(0)
        .build()
        .unwrap();
    let error = post(&rt, &client, "big").unwrap_err();
    assert_eq!((error.name(), error.status()), ("DecodeError", 201));
    assert!(error.may_have_been_created());
    assert_eq!(posts(&rt), 1);
}
