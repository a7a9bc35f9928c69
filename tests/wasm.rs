//! wasm-bindgen-test suite: the Rust API over real HTTP against the mock GitHub, in Node,
//! headless Chromium (another origin, so CORS applies) and a dedicated web worker.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use github_deployment_status::{Client, Error, State};
use gloo_net::http::{Method, RequestBuilder};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

/// The mock's URL, given at build time by tests/mock/with-mock.js (a wasm test cannot read env at run time).
const MOCK: &str = match option_env!("MOCK_URL") {
    Some(url) => url,
    None => "http://127.0.0.1:8787",
};
const TOKEN: &str = "ghp_mock_valid_token";

/// `setTimeout(handler, ms)`, looked up on the global object.
fn set_timeout(handler: &JsValue, ms: u32) {
    let global = js_sys::global();
    let timer: js_sys::Function = js_sys::Reflect::get(&global, &"setTimeout".into())
        .unwrap()
        .unchecked_into();
    timer.call2(&global, handler, &ms.into()).unwrap();
}

async fn control(method: Method, path: &str, body: &str) -> String {
    let url = format!("{MOCK}/_mock/{path}");
    let builder = RequestBuilder::new(&url).method(method);
    let request = if body.is_empty() {
        builder.build().unwrap()
    } else {
        builder
            .header("content-type", "application/json")
            .body(body)
            .unwrap()
    };
    request.send().await.unwrap().text().await.unwrap()
}

async fn reset() {
    control(Method::POST, "reset", r#"{"seed":"test"}"#).await;
}

async fn fault(spec: &str) {
    control(Method::POST, "faults", spec).await;
}

fn client() -> Client {
    Client::builder()
        .base_url(MOCK)
        .auth(TOKEN)
        .build()
        .unwrap()
}

#[wasm_bindgen_test]
async fn create_then_get_and_list_show_it_newest_first() {
    reset().await;
    let client = client();
    let statuses = client.deployment_statuses("octo-org", "hello-world", 42);
    let created = statuses
        .create(State::InProgress)
        .description("Rolling out 🚀 to production")
        .log_url("https://ci.example.com/runs/7")
        .environment_url("https://example.com")
        .send()
        .await
        .unwrap();
    assert_eq!(created.status, 201);
    assert_eq!(created.data.state, State::InProgress);
    assert_eq!(created.data.description, "Rolling out 🚀 to production");
    assert_eq!(
        created.data.target_url, "https://ci.example.com/runs/7",
        "log_url sets target_url"
    );
    assert_eq!(
        created.data.creator.as_ref().map(|u| u.login.as_str()),
        Some("octocat")
    );
    assert!(created.rate_limit.is_some());

    let got = statuses.get(created.data.id).send().await.unwrap();
    assert_eq!(got.status, 200);
    assert_eq!(got.data, created.data);

    let list = statuses.list().per_page(2).send().await.unwrap();
    assert_eq!(list.data.len(), 2);
    assert_eq!(list.data[0].id, created.data.id, "newest first");
    assert!(list.data[0].id > list.data[1].id);
    let link = list
        .headers
        .iter()
        .find(|(n, _)| n == "link")
        .map(|(_, v)| v.clone());
    assert!(
        link.unwrap_or_default().contains("rel=\"next\""),
        "the Link header is exposed"
    );
    let rate = list.rate_limit.unwrap();
    assert_eq!(rate.limit, 5000);
    assert_eq!(rate.resource.as_deref(), Some("core"));
}

#[wasm_bindgen_test]
async fn ghes_base_url_and_no_api_version_work() {
    reset().await;
    for base in [format!("{MOCK}/api/v3"), format!("{MOCK}/api/v3/")] {
        let client = Client::builder()
            .base_url(base)
            .api_version(None)
            .build()
            .unwrap();
        let list = client
            .deployment_statuses("octo-org", "hello-world", 42)
            .list()
            .send()
            .await
            .unwrap();
        assert_eq!(list.data.len(), 3);
        assert!(list.data[0]
            .url
            .contains("/api/v3/repos/octo-org/hello-world/deployments/42/statuses/"));
    }
}

#[wasm_bindgen_test]
async fn github_refusals_are_typed_http_errors() {
    reset().await;
    let client = client();
    match client
        .deployment_statuses("octo-org", "hello-world", 999)
        .get(1)
        .send()
        .await
    {
        Err(Error::Http(e)) => {
            assert_eq!(e.status, 404);
            assert_eq!(e.message, "Not Found");
            assert!(e.documentation_url.is_some());
            assert!(e.request.headers.iter().all(|(_, v)| !v.contains(TOKEN)));
        }
        other => panic!("expected 404, got {other:?}"),
    }
    let anonymous = Client::builder().base_url(MOCK).build().unwrap();
    match anonymous
        .deployment_statuses("octo-org", "hello-world", 42)
        .create(State::Success)
        .send()
        .await
    {
        Err(Error::Http(e)) => assert_eq!(e.status, 401),
        other => panic!("expected 401, got {other:?}"),
    }
    match anonymous
        .deployment_statuses("octo-org", "secret-repo", 7)
        .list()
        .send()
        .await
    {
        Err(Error::Http(e)) => assert_eq!(e.status, 404, "a private repo is hidden"),
        other => panic!("expected 404, got {other:?}"),
    }
    fault(r#"{"method":"POST","status":422,"body":"{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"DeploymentStatus\",\"code\":\"custom\",\"field\":\"environment\",\"message\":\"environment is locked\"}],\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"422\"}"}"#).await;
    match client
        .deployment_statuses("octo-org", "hello-world", 42)
        .create(State::Success)
        .send()
        .await
    {
        Err(Error::Http(e)) => {
            assert_eq!((e.status, e.message.as_str()), (422, "Validation Failed"));
            assert_eq!(e.errors[0].field.as_deref(), Some("environment"));
        }
        other => panic!("expected 422, got {other:?}"),
    }
}

#[wasm_bindgen_test]
async fn bad_input_is_refused_before_sending() {
    let client = client();
    let long = client
        .deployment_statuses("octo-org", "hello-world", 42)
        .create(State::Success)
        .description("é".repeat(141))
        .send()
        .await;
    assert!(matches!(long, Err(Error::Validation { ref field, .. }) if field == "description"));
    let traversal = client
        .deployment_statuses("..", "hello-world", 42)
        .list()
        .send()
        .await;
    assert!(matches!(traversal, Err(Error::Validation { ref field, .. }) if field == "owner"));
}

#[wasm_bindgen_test]
async fn a_hung_server_gives_timeout_error() {
    reset().await;
    fault(r#"{"path":"/statuses","delay_ms":5000}"#).await;
    let client = Client::builder()
        .base_url(MOCK)
        .timeout_ms(200)
        .retries(0)
        .build()
        .unwrap();
    let result = client
        .deployment_statuses("octo-org", "hello-world", 42)
        .list()
        .send()
        .await;
    assert_eq!(result.unwrap_err(), Error::Timeout { timeout_ms: 200 });
}

#[wasm_bindgen_test]
async fn the_callers_signal_aborts_the_request() {
    reset().await;
    fault(r#"{"path":"/statuses","delay_ms":5000}"#).await;
    let controller = web_sys::AbortController::new().unwrap();
    let abort = Closure::once_into_js({
        let controller = controller.clone();
        move || controller.abort()
    });
    set_timeout(&abort, 50);
    let client = client();
    let result = client
        .deployment_statuses("octo-org", "hello-world", 42)
        .list()
        .signal(&controller.signal())
        .send()
        .await;
    assert_eq!(result.unwrap_err(), Error::Abort);
}

#[wasm_bindgen_test]
async fn a_malformed_body_is_a_decode_error_and_the_client_still_works() {
    reset().await;
    fault(r#"{"path":"/statuses","truncate":true}"#).await;
    let client = client();
    let statuses = client.deployment_statuses("octo-org", "hello-world", 42);
    match statuses.list().send().await {
        Err(Error::Decode { status: 200, .. }) => {}
        other => panic!("expected DecodeError, got {other:?}"),
    }
    assert_eq!(statuses.list().send().await.unwrap().data.len(), 3);
}

#[wasm_bindgen_test]
async fn a_refused_connection_is_a_network_error() {
    let client = Client::builder()
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap();
    match client.deployment_statuses("o", "r", 1).list().send().await {
        Err(Error::Network { message, cause }) => {
            assert!(!message.is_empty());
            assert!(cause
                .and_then(|c| c.get::<wasm_bindgen::JsValue>().cloned())
                .is_some());
        }
        other => panic!("expected NetworkError, got {other:?}"),
    }
}

async fn bulk(deployment_id: u64, count: u32) {
    reset().await;
    let spec = format!(
        r#"{{"owner":"octo-org","repo":"hello-world","deployment_id":{deployment_id},"count":{count}}}"#
    );
    control(Method::POST, "statuses", &spec).await;
}

#[wasm_bindgen_test]
async fn paginate_follows_links_and_reports_progress() {
    bulk(600, 250).await;
    let client = client();
    let mut reports = Vec::new();
    let all = client
        .deployment_statuses("octo-org", "hello-world", 600)
        .list()
        .per_page(100)
        .paginate(None, |progress, page| {
            reports.push((
                progress.pages,
                progress.total_pages,
                progress.items,
                page.len(),
            ))
        })
        .await
        .unwrap();
    assert_eq!(all.len(), 250);
    assert!(
        all.windows(2).all(|w| w[0].id > w[1].id),
        "newest first, no repeats"
    );
    assert_eq!(
        reports,
        vec![
            (1, Some(3), 100, 100),
            (2, Some(3), 200, 100),
            (3, Some(3), 250, 50)
        ]
    );
    let some = client
        .deployment_statuses("octo-org", "hello-world", 600)
        .list()
        .per_page(100)
        .paginate(Some(2), |_, _| {})
        .await
        .unwrap();
    assert_eq!(some.len(), 200);
}

#[wasm_bindgen_test]
async fn pages_are_fetched_lazily_and_304s_come_from_the_cache() {
    bulk(601, 250).await;
    let client = client();
    let mut pages = client
        .deployment_statuses("octo-org", "hello-world", 601)
        .list()
        .per_page(100)
        .pages()
        .unwrap();
    let first = pages.next().await.unwrap().unwrap();
    assert_eq!((first.status, first.data.len()), (200, 100));
    assert_eq!(pages.progress().pages, 1);
    drop(pages);
    let again = client
        .deployment_statuses("octo-org", "hello-world", 601)
        .list()
        .per_page(100)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status, 304, "revalidated with If-None-Match");
    assert_eq!(again.data.len(), 100);
}

#[wasm_bindgen_test]
async fn a_post_that_acted_before_a_502_is_not_posted_again() {
    reset().await;
    let client = client();
    let statuses = client.deployment_statuses("octo-org", "hello-world", 42);
    fault(r#"{"method":"POST","apply":true,"status":502}"#).await;
    let created = statuses
        .create(State::Success)
        .description("exactly once")
        .send()
        .await
        .unwrap();
    assert_eq!(created.status, 201);
    let list = statuses.list().send().await.unwrap();
    let ours = list
        .data
        .iter()
        .filter(|s| s.description == "exactly once")
        .count();
    assert_eq!(ours, 1);
    assert_eq!(list.data.len(), 4);
}

#[wasm_bindgen_test]
async fn watch_reports_the_first_list_and_changes_until_aborted() {
    reset().await;
    let client = client();
    let controller = web_sys::AbortController::new().unwrap();
    let signal = controller.signal();
    let stop = Closure::once_into_js(move || controller.abort());
    set_timeout(&stop, 400);
    let mut seen = Vec::new();
    client
        .deployment_statuses("octo-org", "hello-world", 42)
        .watch(1_000, &signal, |_, statuses| seen.push(statuses.len()))
        .await
        .unwrap();
    assert_eq!(
        seen,
        vec![3],
        "one call: nothing changed after the first list"
    );
}
