//! The engine on the host: redirects are followed within the API only, and a POST's body is
//! never replayed elsewhere, on a scripted runtime.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod scripted;

use github_deployment_status::{Error, State};
use scripted::{answer, at, client, get_one, one_status, run, status, Scripted, Step, STATUSES};

fn post(rt: &Scripted) -> github_deployment_status::Result<u16> {
    let client = client();
    let future = client
        .deployment_statuses("octo-org", "hello-world", 42)
        .create(State::Success)
        .description("moved")
        .send_with(rt);
    run(future).map(|created| created.status)
}

const RENAMED: &str = "/repositories/7/deployments/42/statuses";

#[test]
fn a_get_redirected_within_the_api_is_followed_with_its_headers() {
    let rt = Scripted::new(vec![
        answer(301, &[("location", &format!("{RENAMED}/1"))], ""),
        answer(200, &[], &one_status()),
    ]);
    assert_eq!(get_one(&rt, &client()), Ok(200));
    let sent = rt.sent();
    assert_eq!(sent[1].url, format!("https://api.github.com{RENAMED}/1"));
    assert_eq!(sent[1].header("authorization"), Some("Bearer ghp_scripted"));
}

#[test]
fn a_get_redirected_to_another_origin_is_refused_and_nothing_goes_there() {
    let rt = Scripted::new(vec![answer(
        302,
        &[("location", "https://evil.example/steal")],
        "",
    )]);
    let Err(Error::Http(refused)) = get_one(&rt, &client()) else {
        panic!("expected HttpError")
    };
    assert_eq!(refused.status, 302);
    assert!(
        refused.message.contains("outside https://api.github.com"),
        "{}",
        refused.message
    );
    assert_eq!(rt.sent().len(), 1);
}

#[test]
fn a_post_redirected_with_307_within_the_api_is_sent_there_once_with_its_body() {
    let created = status(5, "success", "moved", &at(0)).to_string();
    let rt = Scripted::new(vec![
        answer(
            307,
            &[("location", &format!("https://api.github.com{RENAMED}"))],
            "",
        ),
        answer(201, &[], &created),
    ]);
    assert_eq!(post(&rt), Ok(201));
    let sent = rt.sent();
    assert_eq!(
        (sent[1].method, sent[1].url.as_str()),
        ("POST", &*format!("https://api.github.com{RENAMED}"))
    );
    assert_eq!(sent[1].body, sent[0].body);
}

#[test]
fn a_post_redirected_to_another_origin_is_refused_without_a_check_or_a_replay() {
    for code in [307, 308, 301, 302, 303] {
        let rt = Scripted::new(vec![answer(
            code,
            &[("location", "https://evil.example/collect")],
            "",
        )]);
        let error = post(&rt).unwrap_err();
        assert_eq!((error.name(), error.status()), ("HttpError", code));
        assert_eq!(rt.sent().len(), 1, "{code}: nothing else was sent");
    }
}

#[test]
fn a_post_turned_into_a_get_is_refused_as_not_created() {
    let rt = Scripted::new(vec![answer(303, &[("location", STATUSES)], "")]);
    let Err(Error::Http(refused)) = post(&rt) else {
        panic!("expected HttpError")
    };
    assert!(
        refused.message.contains("nothing was created"),
        "{}",
        refused.message
    );
    assert_eq!(rt.sent().len(), 1);
}

#[test]
fn a_redirect_loop_stops_after_five_hops() {
    let hop = || answer(301, &[("location", RENAMED)], "");
    let rt = Scripted::new((0..6).map(|_| hop()).collect());
    assert_eq!(get_one(&rt, &client()).unwrap_err().status(), 301);
    assert_eq!(rt.sent().len(), 6);
}

#[test]
fn an_answer_from_another_origin_that_the_runtime_followed_is_refused() {
    let rt = Scripted::new(vec![Step::Answer {
        after_ms: 0,
        status: 200,
        headers: Vec::new(),
        body: one_status(),
        from: Some("https://evil.example/statuses/1".into()),
    }]);
    let error = get_one(&rt, &client()).unwrap_err();
    assert_eq!(error.name(), "DecodeError");
    assert!(error.message().contains("outside"), "{error}");
}
