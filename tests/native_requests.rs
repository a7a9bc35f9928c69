//! Native tests of request building: URLs, encoding, headers, bodies, GHES, redaction.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use github_deployment_status::{Client, Method, State, DEFAULT_API_VERSION, DEFAULT_USER_AGENT};

const TOKEN: &str = "ghp_secret_token_value";

fn client() -> Client {
    Client::builder().auth(TOKEN).build().unwrap()
}

fn header<'r>(headers: &'r [(&'static str, String)], name: &str) -> Option<&'r str> {
    headers
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.as_str())
}

#[test]
fn create_builds_post_with_json_body_of_only_the_fields_set() {
    let client = client();
    let request = client
        .deployment_statuses("octocat", "example", 42)
        .create(State::Success)
        .log_url("https://example.com/deployment/42/output")
        .description("Deployment finished successfully.")
        .environment("production")
        .request()
        .unwrap();
    assert_eq!(request.method, Method::Post);
    assert_eq!(
        request.url,
        "https://api.github.com/repos/octocat/example/deployments/42/statuses"
    );
    let body: serde_json::Value = serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
    let expected: serde_json::Value = serde_json::from_str(include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/create-deployment-status.request.json"
    )))
    .unwrap();
    assert_eq!(
        body, expected,
        "the body is exactly GitHub's example request"
    );
    assert_eq!(
        header(&request.headers, "content-type"),
        Some("application/json; charset=utf-8")
    );
}

#[test]
fn auto_inactive_is_sent_only_when_set() {
    let client = client();
    let handler = client.deployment_statuses("o", "r", 1);
    let unset = handler.create(State::Queued).request().unwrap();
    assert_eq!(unset.body.as_deref(), Some(r#"{"state":"queued"}"#));
    let set = handler
        .create(State::Queued)
        .auto_inactive(false)
        .request()
        .unwrap();
    assert_eq!(
        set.body.as_deref(),
        Some(r#"{"state":"queued","auto_inactive":false}"#)
    );
}

#[test]
fn every_state_goes_on_the_wire_as_github_spells_it() {
    let client = client();
    let handler = client.deployment_statuses("o", "r", 1);
    for (state, wire) in State::ALL.iter().zip([
        "error",
        "failure",
        "inactive",
        "in_progress",
        "queued",
        "pending",
        "success",
    ]) {
        let body = handler.create(*state).request().unwrap().body.unwrap();
        assert_eq!(body, format!(r#"{{"state":"{wire}"}}"#));
        assert_eq!(wire.parse::<State>(), Ok(*state));
    }
}

#[test]
fn list_and_get_build_gets_with_query_only_when_given() {
    let client = client();
    let handler = client.deployment_statuses("octo-org", "hello-world", 42);
    let plain = handler.list().request().unwrap();
    assert_eq!(plain.method, Method::Get);
    assert!(plain.body.is_none());
    assert_eq!(
        plain.url,
        "https://api.github.com/repos/octo-org/hello-world/deployments/42/statuses"
    );
    let paged = handler.list().per_page(100).page(3).request().unwrap();
    assert!(paged.url.ends_with("/statuses?per_page=100&page=3"));
    let only_page = handler.list().page(2).request().unwrap();
    assert!(only_page.url.ends_with("/statuses?page=2"));
    let one = handler.get(9_007_199_254_740_991).request().unwrap();
    assert!(one
        .url
        .ends_with("/deployments/42/statuses/9007199254740991"));
    assert_eq!(header(&one.headers, "content-type"), None);
}

#[test]
fn default_headers_are_githubs() {
    let request = client()
        .deployment_statuses("o", "r", 1)
        .get(2)
        .request()
        .unwrap();
    assert_eq!(
        header(&request.headers, "accept"),
        Some("application/vnd.github+json")
    );
    assert_eq!(
        header(&request.headers, "authorization"),
        Some("Bearer ghp_secret_token_value")
    );
    assert_eq!(
        header(&request.headers, "x-github-api-version"),
        Some(DEFAULT_API_VERSION)
    );
    assert_eq!(DEFAULT_API_VERSION, "2026-03-10");
    assert_eq!(
        header(&request.headers, "user-agent"),
        Some(DEFAULT_USER_AGENT)
    );
    assert!(DEFAULT_USER_AGENT.starts_with("github-deployment-status/"));
}

#[test]
fn api_version_none_omits_the_header_and_no_auth_omits_authorization() {
    let client = Client::builder()
        .api_version(None)
        .user_agent("deploy-bot/2.0 (+https://example.com)")
        .build()
        .unwrap();
    let request = client
        .deployment_statuses("o", "r", 1)
        .list()
        .request()
        .unwrap();
    assert_eq!(header(&request.headers, "x-github-api-version"), None);
    assert_eq!(header(&request.headers, "authorization"), None);
    assert_eq!(
        header(&request.headers, "user-agent"),
        Some("deploy-bot/2.0 (+https://example.com)")
    );
    let older = Client::builder()
        .api_version(Some("2022-11-28".into()))
        .build()
        .unwrap();
    let request = older
        .deployment_statuses("o", "r", 1)
        .list()
        .request()
        .unwrap();
    assert_eq!(
        header(&request.headers, "x-github-api-version"),
        Some("2022-11-28")
    );
}

#[test]
fn ghes_base_url_works_with_or_without_trailing_slash() {
    for base in [
        "https://ghe.example.com/api/v3",
        "https://ghe.example.com/api/v3/",
        "https://ghe.example.com/api/v3//",
    ] {
        let client = Client::builder().base_url(base).build().unwrap();
        assert_eq!(client.base_url(), "https://ghe.example.com/api/v3");
        let request = client
            .deployment_statuses("o", "r", 5)
            .get(6)
            .request()
            .unwrap();
        assert_eq!(
            request.url,
            "https://ghe.example.com/api/v3/repos/o/r/deployments/5/statuses/6"
        );
    }
    let local = Client::builder()
        .base_url("http://127.0.0.1:8787")
        .build()
        .unwrap();
    assert_eq!(local.base_url(), "http://127.0.0.1:8787");
}

#[test]
fn path_segments_are_percent_encoded_so_nothing_changes_the_path() {
    let encode = |s: &str| {
        let mut out = String::new();
        github_deployment_status::push_segment(&mut out, s);
        out
    };
    assert_eq!(encode("a/b"), "a%2Fb");
    assert_eq!(encode("x?y=1"), "x%3Fy%3D1");
    assert_eq!(encode("x#frag"), "x%23frag");
    assert_eq!(encode("100%"), "100%25");
    assert_eq!(encode("ü"), "%C3%BC");
    assert_eq!(encode("my.repo_name-2~"), "my.repo_name-2~");
}

#[test]
fn the_token_never_shows_in_debug_output() {
    let client = client();
    assert!(!format!("{client:?}").contains(TOKEN));
    assert!(!format!("{:?}", Client::builder().auth(TOKEN)).contains(TOKEN));
    let request = client
        .deployment_statuses("o", "r", 1)
        .create(State::Error)
        .request()
        .unwrap();
    let debug = format!("{request:?}");
    assert!(!debug.contains(TOKEN), "{debug}");
    assert!(debug.contains("[REDACTED]"));
    let summary = request.summary();
    assert!(!format!("{summary:?}").contains(TOKEN));
}

#[test]
fn the_fetch_init_is_json_that_carries_method_headers_and_body() {
    let client = client();
    let mut status = github_deployment_status::NewStatus::new(State::Success);
    status.description = Some("quote \" slash \\ newline \n tab \t bell \u{7} é".to_owned());
    let path = github_deployment_status::StatusesPath {
        owner: "octo".into(),
        repo: "repo".into(),
        deployment_id: 1,
    };
    let request = github_deployment_status::request::create(&client, &path, &status).unwrap();
    let init: serde_json::Value = serde_json::from_str(&request.fetch_init(true)).unwrap();
    assert_eq!(init["method"], "POST");
    assert_eq!(init["cache"], "no-store");
    for (name, value) in &request.headers {
        if *name == "user-agent" {
            assert!(
                init["headers"].get(name).is_none(),
                "a browser sends its own"
            );
        } else {
            assert_eq!(init["headers"][name], value.as_str(), "{name}");
        }
    }
    let body: serde_json::Value = serde_json::from_str(init["body"].as_str().unwrap()).unwrap();
    assert_eq!(body["description"], status.description.as_deref().unwrap());

    let get = github_deployment_status::request::get_one(&client, &path, 7).unwrap();
    let init: serde_json::Value = serde_json::from_str(&get.fetch_init(false)).unwrap();
    assert_eq!(init["method"], "GET");
    assert!(init.get("body").is_none() && init.get("cache").is_none());
    for (name, value) in &get.headers {
        assert_eq!(init["headers"][name], value.as_str(), "{name}");
    }
}

#[test]
fn numbers_parse_as_plain_decimal_digits_only() {
    use github_deployment_status::request::parse_number;
    assert_eq!(parse_number("0"), Some(0));
    assert_eq!(parse_number("0042"), Some(42));
    assert_eq!(parse_number("18446744073709551615"), Some(u64::MAX));
    for bad in [
        "",
        "+1",
        "-1",
        " 5",
        "5 ",
        "1e3",
        "0x10",
        "18446744073709551616",
        "٣",
    ] {
        assert_eq!(parse_number(bad), None, "{bad:?}");
    }
}
