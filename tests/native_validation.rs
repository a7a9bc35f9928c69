//! Native tests of validation: the Rust builders and the JS-shaped params both refuse bad input.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use github_deployment_status::{params, request, Client, ClientBuilder, Error, State};
use serde_json::{json, Value};

fn field_of(result: Result<impl std::fmt::Debug, Error>) -> String {
    match result {
        Err(Error::Validation { field, message }) => {
            assert!(!message.is_empty());
            field.into_owned()
        }
        other => panic!("expected ValidationError, got {other:?}"),
    }
}

fn map(value: Value) -> Value {
    assert!(value.is_object(), "not an object: {value}");
    value
}

fn client() -> Client {
    Client::builder().auth("ghp_valid").build().unwrap()
}

/// Runs JS-shaped create params through the whole JS path: params, then request building.
fn js_create(params: Value) -> Result<(), Error> {
    let (path, status) = params::create(&map(params))?;
    request::create(&client(), &path, &status).map(drop)
}

fn base() -> Value {
    json!({ "owner": "octo-org", "repo": "hello-world", "deployment_id": 42, "state": "success" })
}

fn with(key: &str, value: Value) -> Value {
    let mut v = base();
    v[key] = value;
    v
}

fn without(key: &str) -> Value {
    let mut v = base();
    v.as_object_mut().unwrap().remove(key);
    v
}

#[test]
fn good_params_pass() {
    js_create(base()).unwrap();
    js_create(with("description", json!("é".repeat(140)))).unwrap();
    js_create(with(
        "log_url",
        json!("HTTPS://ci.example.com:8443/run/1?x=y#top"),
    ))
    .unwrap();
    js_create(with("environment_url", json!("http://[::1]:8080/"))).unwrap();
    js_create(with("auto_inactive", json!(false))).unwrap();
    js_create(with("deployment_id", json!(9_007_199_254_740_991u64))).unwrap();
    js_create(with("deployment_id", json!(42.0))).unwrap();
    js_create(with("description", Value::Null)).unwrap();
}

#[test]
fn every_state_outside_the_seven_is_refused() {
    for bad in [
        json!("SUCCESS"),
        json!("done"),
        json!(""),
        json!(1),
        json!(null),
        json!(["success"]),
    ] {
        assert_eq!(field_of(js_create(with("state", bad))), "state");
    }
    assert_eq!(field_of(js_create(without("state"))), "state");
}

#[test]
fn description_counts_characters_not_bytes() {
    // 140 emoji are 560 UTF-8 bytes and 280 UTF-16 units, but 140 characters: allowed.
    js_create(with("description", json!("🚀".repeat(140)))).unwrap();
    js_create(with("description", json!("ñ".repeat(140)))).unwrap();
    for bad in ["🚀".repeat(141), "a".repeat(141), "é".repeat(141)] {
        assert_eq!(
            field_of(js_create(with("description", json!(bad)))),
            "description"
        );
    }
    // A combining mark is a character of its own, as GitHub counts it.
    let combining = "e\u{301}".repeat(70);
    js_create(with("description", json!(combining))).unwrap();
    let combining_over = format!("{combining}x");
    assert_eq!(
        field_of(js_create(with("description", json!(combining_over)))),
        "description"
    );
    let rust = client()
        .deployment_statuses("o", "r", 1)
        .create(State::Success)
        .description("x".repeat(141))
        .request();
    assert_eq!(field_of(rust), "description");
}

#[test]
fn owner_and_repo_must_be_plain_names() {
    for key in ["owner", "repo"] {
        assert_eq!(field_of(js_create(with(key, json!("")))), key);
        assert_eq!(field_of(js_create(without(key))), key);
        for bad in [
            "a/b", "..", ".", "a?b", "a#b", "a%2Fb", "ünï", "a b", "a\nb",
        ] {
            assert_eq!(field_of(js_create(with(key, json!(bad)))), key, "{bad:?}");
        }
        assert_eq!(field_of(js_create(with(key, json!(12)))), key);
        assert_eq!(field_of(js_create(with(key, json!("x".repeat(101))))), key);
    }
    js_create(with("repo", json!("my.repo_v2-x"))).unwrap();
    js_create(with("owner", json!("octocat_acme"))).unwrap();
}

#[test]
fn ids_must_be_positive_safe_integers() {
    for key in ["deployment_id"] {
        for good in [json!("42"), json!("9007199254740991"), json!(7)] {
            assert!(js_create(with(key, good.clone())).is_ok(), "{good}");
        }
        for bad in [
            json!("042"),
            json!(" 42"),
            json!("42 "),
            json!("4.2"),
            json!("1e3"),
            json!("-1"),
            json!("+1"),
            json!("0"),
            json!(""),
            json!("9007199254740992"),
            json!("99999999999999999999999"),
            json!(1.5),
            json!(0),
            json!(-1),
            json!(9_007_199_254_740_992u64),
            json!(1e300),
            json!(null),
            json!(true),
        ] {
            assert_eq!(field_of(js_create(with(key, bad.clone()))), key, "{bad}");
        }
    }
    let get = |id: Value| {
        params::get(&map(
            json!({"owner":"o","repo":"r","deployment_id":1,"status_id":id}),
        ))
    };
    assert!(get(json!(7)).is_ok());
    assert_eq!(get(json!("7")).unwrap().1, 7);
    for bad in [
        json!("07"),
        json!(7.25),
        json!(-7),
        json!(0),
        json!(18_014_398_509_481_984u64),
    ] {
        assert_eq!(field_of(get(bad)), "status_id");
    }
    assert_eq!(
        field_of(client().deployment_statuses("o", "r", 0).list().request()),
        "deployment_id"
    );
    assert_eq!(
        field_of(client().deployment_statuses("o", "r", 1).get(0).request()),
        "status_id"
    );
}

#[test]
fn paging_is_bounded() {
    let list = |extra: Value| {
        let mut v = json!({"owner":"o","repo":"r","deployment_id":1});
        for (k, val) in extra.as_object().unwrap() {
            v[k] = val.clone();
        }
        let (path, per_page, page) = params::list(&map(v))?;
        request::list(&client(), &path, per_page, page).map(drop)
    };
    list(json!({"per_page": 1, "page": 1})).unwrap();
    list(json!({"per_page": 100})).unwrap();
    for bad in [json!(0), json!(101), json!(-5), json!(2.5), json!("10")] {
        assert_eq!(field_of(list(json!({ "per_page": bad }))), "per_page");
    }
    for bad in [json!(0), json!(-1), json!(1.5), json!("2")] {
        assert_eq!(field_of(list(json!({ "page": bad }))), "page");
    }
}

#[test]
fn urls_must_be_absolute_http() {
    for key in ["target_url", "log_url", "environment_url"] {
        for bad in [
            "javascript:alert(1)",
            "/relative/path",
            "example.com",
            "ftp://example.com/x",
            "https://",
            "https:///path",
            "https://exa mple.com",
            "https://example.com/\nx",
            "data:text/html,hi",
        ] {
            assert_eq!(field_of(js_create(with(key, json!(bad)))), key, "{bad:?}");
        }
        assert_eq!(field_of(js_create(with(key, json!(5)))), key);
    }
}

#[test]
fn wrong_types_and_unknown_keys_name_the_field() {
    assert_eq!(
        field_of(js_create(with("environment", json!(3)))),
        "environment"
    );
    assert_eq!(
        field_of(js_create(with("auto_inactive", json!("yes")))),
        "auto_inactive"
    );
    assert_eq!(
        field_of(js_create(with("enviroment", json!("production")))),
        "enviroment"
    );
}

#[test]
fn client_options_are_checked() {
    let opts = |v: Value| params::client(&map(v)).and_then(|b: ClientBuilder| b.build());
    opts(json!({})).unwrap();
    // An empty token (a missing CI secret) is no token.
    let anonymous = opts(json!({"auth": ""})).unwrap();
    let request = anonymous
        .deployment_statuses("o", "r", 1)
        .list()
        .request()
        .unwrap();
    assert!(request
        .headers
        .iter()
        .all(|(name, _)| *name != "authorization"));
    opts(json!({"auth": "ghp_abc", "baseUrl": "https://ghe.example.com/api/v3/", "apiVersion": null, "userAgent": "bot/1", "timeoutMs": 1000})).unwrap();
    for (key, bad) in [
        ("auth", json!("ghp_abc\r\nX-Evil: 1")),
        ("auth", json!("ghp abc")),
        ("auth", json!("ghp_abc\n")),
        ("auth", json!(42)),
        ("baseUrl", json!("api.github.com")),
        ("baseUrl", json!("/api/v3")),
        ("baseUrl", json!("https://user:pass@ghe.example.com/api/v3")),
        ("baseUrl", json!("https://ghe.example.com/api/v3?x=1")),
        ("apiVersion", json!("latest")),
        ("apiVersion", json!(20260310)),
        ("userAgent", json!("bot\n1")),
        ("userAgent", json!("")),
        ("timeoutMs", json!(0)),
        ("timeoutMs", json!(-1)),
        ("timeoutMs", json!(1.5)),
        ("timeoutMs", json!(2_147_483_648u64)),
        ("timeoutMs", json!("1000")),
        ("retry", json!(3)),
    ] {
        assert_eq!(field_of(opts(json!({ key: bad }))), key, "{key}={bad}");
    }
}

#[test]
fn octokit_habits_are_refused_with_where_the_thing_goes() {
    let message_of = |key: &str| match js_create(with(key, json!({}))) {
        Err(Error::Validation { field, message }) => {
            assert_eq!(field, key);
            message.into_owned()
        }
        other => panic!("expected ValidationError, got {other:?}"),
    };
    assert!(message_of("headers").contains("Client's options"));
    assert!(message_of("request").contains("{ signal } as the second argument"));
    assert!(message_of("signal").contains("second argument"));
    assert!(message_of("mediaType").contains("always JSON"));
    assert_eq!(message_of("colour"), "is not a known parameter");
}
