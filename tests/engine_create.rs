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

fn client() -> Client {
    Client::builder().auth("ghp_scripted").build().unwrap()
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
    let client = Client::builder().timeout_ms(30_000).build().unwrap();
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
    let client = Client::builder().retries(0).build().unwrap();
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
    assert_eq!(post(&rt, &client(), "x"), Err(Error::Abort));
    assert_eq!(posts(&rt), 1);
}

#[test]
fn a_bad_status_is_refused_before_anything_is_sent() {
    let rt = Scripted::new(vec![]);
    let error = post(&rt, &client(), &"x".repeat(141)).unwrap_err();
    assert_eq!(error.name(), "ValidationError");
    assert!(rt.sent().is_empty());
}
