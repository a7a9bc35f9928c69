//! The engine on the host: the ETag cache and its 304 merge, pagination and watch, on a scripted
//! runtime with a virtual clock.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod scripted;

use github_deployment_status::engine::{self, Checked, Pages};
use github_deployment_status::schema::Schema;
use github_deployment_status::{Client, Error, HttpRequest};
use scripted::{answer, at, list, run, status, Scripted, STATUSES};

fn client() -> Client {
    Client::builder().build().unwrap()
}

fn page_request(client: &Client, per_page: u32) -> HttpRequest {
    client
        .deployment_statuses("octo-org", "hello-world", 42)
        .list()
        .per_page(per_page)
        .request()
        .unwrap()
}

fn two() -> String {
    list(&[
        status(2, "success", "b", &at(-1)),
        status(1, "queued", "a", &at(-2)),
    ])
}

/// A page of two statuses whose `Link` points at `STATUSES?{query}` next.
fn linked(query: &str) -> scripted::Step {
    answer(
        200,
        &[("link", &next(&format!("{STATUSES}?{query}")))],
        &two(),
    )
}

fn next(url: &str) -> String {
    format!("<{url}>; rel=\"next\"")
}

#[test]
fn a_304_answers_with_the_cached_body_and_keeps_the_200s_link_with_fresh_rate_limits() {
    let client = client();
    let request = page_request(&client, 2);
    let link = format!(
        "{}, <{STATUSES}?per_page=2&page=4>; rel=\"last\"",
        next(&format!("{STATUSES}?per_page=2&page=2"))
    );
    let rt = Scripted::new(vec![
        answer(
            200,
            &[
                ("etag", "W/\"v1\""),
                ("link", &link),
                ("x-ratelimit-remaining", "10"),
            ],
            &two(),
        ),
        answer(
            304,
            &[
                ("etag", "W/\"v1\""),
                ("x-ratelimit-limit", "60"),
                ("x-ratelimit-remaining", "9"),
                ("x-ratelimit-reset", "1"),
            ],
            "",
        ),
    ]);
    let (first, _) = run(engine::get::<_, Checked>(
        &rt,
        &client,
        &request,
        Schema::StatusList,
    ))
    .unwrap();
    let (again, items) = run(engine::get::<_, Checked>(
        &rt,
        &client,
        &request,
        Schema::StatusList,
    ))
    .unwrap();
    assert_eq!((first.status, again.status), (200, 304));
    assert_eq!(rt.sent()[1].header("if-none-match"), Some("W/\"v1\""));
    assert!(rt.sent()[0].header("if-none-match").is_none());
    assert_eq!(again.body, first.body);
    assert_eq!(items.as_array().unwrap().len(), 2);
    assert_eq!(
        again.header("link"),
        Some(link.as_str()),
        "the 200's Link fills the gap"
    );
    assert_eq!(
        again.header("x-ratelimit-remaining"),
        Some("9"),
        "fresh headers win"
    );
}

#[test]
fn an_evicted_etag_is_not_sent_and_the_full_answer_comes_back() {
    let client = Client::builder().cache(Some(1)).build().unwrap();
    let first = page_request(&client, 2);
    let second = page_request(&client, 3);
    let rt = Scripted::new(vec![
        answer(200, &[("etag", "\"a\"")], &two()),
        answer(200, &[("etag", "\"b\"")], &two()),
        answer(200, &[("etag", "\"a2\"")], &two()),
        answer(304, &[], ""),
    ]);
    for request in [&first, &second, &first, &first] {
        run(engine::get::<_, Checked>(
            &rt,
            &client,
            request,
            Schema::StatusList,
        ))
        .unwrap();
    }
    let conditions: Vec<_> = rt
        .sent()
        .iter()
        .map(|s| s.header("if-none-match").map(str::to_owned))
        .collect();
    assert_eq!(
        conditions,
        vec![None, None, None, Some("\"a2\"".to_owned())],
        "the second URL evicted the first"
    );
}

#[test]
fn a_304_the_client_did_not_ask_for_is_an_http_error() {
    let client = Client::builder().cache(None).build().unwrap();
    let rt = Scripted::new(vec![answer(304, &[], "")]);
    let request = page_request(&client, 2);
    let error = run(engine::get::<_, Checked>(
        &rt,
        &client,
        &request,
        Schema::StatusList,
    ))
    .unwrap_err();
    assert_eq!((error.name(), error.status()), ("HttpError", 304));
}

#[test]
fn a_body_off_the_spec_is_a_decode_error_and_is_not_cached() {
    let client = client();
    let request = page_request(&client, 2);
    let rt = Scripted::new(vec![
        answer(200, &[("etag", "\"x\"")], r#"[{"id":"1"}]"#),
        answer(200, &[("etag", "\"y\"")], &two()),
    ]);
    let error = run(engine::get::<_, Checked>(
        &rt,
        &client,
        &request,
        Schema::StatusList,
    ))
    .unwrap_err();
    assert_eq!((error.name(), error.status()), ("DecodeError", 200));
    run(engine::get::<_, Checked>(
        &rt,
        &client,
        &request,
        Schema::StatusList,
    ))
    .unwrap();
    assert!(rt.sent()[1].header("if-none-match").is_none());
}

fn walk(
    rt: &Scripted,
    client: &Client,
    max_pages: Option<u32>,
) -> github_deployment_status::Result<Vec<usize>> {
    let mut pages: Pages<&Scripted, Checked> =
        Pages::new(rt, client, page_request(client, 2), Schema::StatusList);
    if let Some(max) = max_pages {
        pages = pages.max_pages(max);
    }
    let mut sizes = Vec::new();
    while let Some((_, items)) = run(pages.next_page())? {
        sizes.push(items.as_array().unwrap().len());
    }
    Ok(sizes)
}

#[test]
fn pagination_follows_next_links_until_there_is_none() {
    let client = client();
    let rt = Scripted::new(vec![
        linked("per_page=2&page=2"),
        linked("per_page=2&page=3"),
        answer(200, &[], &list(&[status(9, "success", "last", &at(-9))])),
    ]);
    assert_eq!(walk(&rt, &client, None).unwrap(), vec![2, 2, 1]);
    assert_eq!(rt.lines()[2], format!("GET {STATUSES}?per_page=2&page=3"));
}

#[test]
fn max_pages_bounds_the_walk() {
    let client = client();
    let rt = Scripted::new(vec![linked("page=2"), linked("page=3")]);
    assert_eq!(walk(&rt, &client, Some(2)).unwrap(), vec![2, 2]);
    assert_eq!(rt.sent().len(), 2);
}

#[test]
fn a_next_link_to_another_origin_is_never_followed() {
    let client = client();
    let rt = Scripted::new(vec![answer(
        200,
        &[(
            "link",
            &next("https://evil.example/repos/octo-org/hello-world/deployments/42/statuses?page=2"),
        )],
        &two(),
    )]);
    let error = walk(&rt, &client, None).unwrap_err();
    assert_eq!(error.name(), "DecodeError");
    assert!(error.message().contains("outside"));
    assert_eq!(rt.sent().len(), 1, "no request (and no token) went there");
}

#[test]
fn a_next_link_back_to_a_fetched_page_stops_the_walk() {
    let client = client();
    let first = page_request(&client, 2).url;
    let rt = Scripted::new(vec![
        linked("per_page=2&page=2"),
        answer(200, &[("link", &next(&first))], &two()),
    ]);
    stops_as_a_loop_after_two_pages(&rt, &client);
}

/// The walk fails as a loop, and no page was asked for twice.
fn stops_as_a_loop_after_two_pages(rt: &Scripted, client: &Client) {
    let error = walk(rt, client, None).unwrap_err();
    assert!(error.message().contains("already fetched"), "{error}");
    assert_eq!(rt.sent().len(), 2);
}

#[test]
fn an_abort_between_pages_ends_the_walk() {
    let client = client();
    let rt = Scripted::new(vec![linked("page=2"), scripted::Step::Stall]).abort_after(500);
    assert_eq!(walk(&rt, &client, None), Err(Error::Abort));
}

fn watch(
    rt: &Scripted,
    client: &Client,
    interval_ms: u64,
) -> (github_deployment_status::Result<()>, Vec<u16>) {
    let mut seen = Vec::new();
    let request = page_request(client, 100);
    let result = run(engine::watch::<_, Checked>(
        rt,
        client,
        &request,
        interval_ms,
        &mut |answer, _| {
            seen.push(answer.status);
            Ok(())
        },
    ));
    (result, seen)
}

#[test]
fn watch_calls_on_change_only_when_the_list_changed() {
    let client = client();
    let rt = Scripted::new(vec![
        answer(200, &[("etag", "\"1\"")], &two()),
        answer(304, &[("etag", "\"1\"")], ""),
        answer(200, &[("etag", "\"1\"")], &two()),
        answer(
            200,
            &[("etag", "\"2\"")],
            &list(&[status(3, "success", "new", &at(0))]),
        ),
        answer(200, &[], &list(&[status(3, "success", "new", &at(0))])),
    ])
    .abort_after(4_500);
    let (result, seen) = watch(&rt, &client, 1_000);
    assert_eq!(result, Ok(()), "an abort ends a watch without an error");
    assert_eq!(seen, vec![200, 200], "the first list and the one change");
    assert_eq!(rt.sent().len(), 5);
    assert_eq!(rt.sent()[1].header("if-none-match"), Some("\"1\""));
}

#[test]
fn watch_waits_for_x_poll_interval_when_github_asks_for_longer() {
    let client = client();
    let rt = Scripted::new(vec![
        answer(200, &[("etag", "\"1\""), ("x-poll-interval", "60")], &two()),
        answer(304, &[("x-poll-interval", "60")], ""),
    ])
    .abort_after(90_000);
    let (result, seen) = watch(&rt, &client, 1_000);
    assert_eq!((result, seen.len()), (Ok(()), 1));
    assert_eq!(rt.waits(), vec![60_000, 60_000]);
    assert_eq!(rt.sent()[1].at_ms, 60_000);
}

#[test]
fn watch_keeps_its_own_interval_when_it_is_the_longer() {
    let client = client();
    let rt =
        Scripted::new(vec![answer(200, &[("x-poll-interval", "1")], &two())]).abort_after(10_000);
    let (result, _) = watch(&rt, &client, 30_000);
    assert_eq!(result, Ok(()));
    assert_eq!(rt.waits(), vec![30_000]);
}

#[test]
fn watch_rejects_with_the_first_error_retries_cannot_fix() {
    let client = client();
    let rt = Scripted::new(vec![answer(404, &[], r#"{"message":"Not Found"}"#)]);
    let (result, seen) = watch(&rt, &client, 1_000);
    assert_eq!(result.unwrap_err().status(), 404);
    assert!(seen.is_empty());
}

#[test]
fn watch_refuses_an_interval_below_one_second_before_any_request() {
    let client = client();
    let rt = Scripted::new(vec![]);
    let (result, _) = watch(&rt, &client, 999);
    let error = result.unwrap_err();
    assert_eq!(
        (error.name(), error.message().starts_with("intervalMs")),
        ("ValidationError", true)
    );
    assert!(rt.sent().is_empty());
}

#[test]
fn a_link_cycle_disguised_with_fragments_is_caught() {
    let client = client();
    let rt = Scripted::new(vec![
        linked("per_page=2&page=2#a"),
        linked("per_page=2#b"),
        linked("per_page=2&page=2#c"),
    ]);
    stops_as_a_loop_after_two_pages(&rt, &client);
}

#[test]
fn an_empty_page_ends_the_walk_whatever_its_link_says() {
    let client = client();
    let rt = Scripted::new(vec![
        linked("page=2"),
        answer(200, &[("link", &next(&format!("{STATUSES}?page=3")))], "[]"),
    ]);
    assert_eq!(walk(&rt, &client, None).unwrap(), vec![2, 0]);
    assert_eq!(rt.sent().len(), 2);
}
