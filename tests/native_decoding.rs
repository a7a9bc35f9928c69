//! Native tests of decoding: GitHub's example payloads, error bodies, Link and rate-limit headers.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use github_deployment_status::{
    check_status, decode_body, Client, DeploymentStatus, Error, HttpResponse, Links, RateLimit,
    State,
};
use serde_json::Value;

macro_rules! example {
    ($name:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/",
            $name
        ))
    };
}

fn answer(status: u16, body: &str, headers: &[(&str, &str)]) -> HttpResponse {
    HttpResponse {
        status,
        url: "https://api.github.com/repos/octocat/example/deployments/42/statuses".into(),
        headers: headers
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect(),
        body: body.to_owned(),
    }
}

fn http_error(status: u16, body: &str) -> github_deployment_status::HttpError {
    let client = Client::builder().auth("ghp_hidden_token").build().unwrap();
    let request = client
        .deployment_statuses("octocat", "example", 42)
        .get(1)
        .request()
        .unwrap();
    match check_status(
        &request,
        answer(
            status,
            body,
            &[
                ("x-ratelimit-limit", "5000"),
                ("x-ratelimit-remaining", "4999"),
                ("x-ratelimit-reset", "1700000000"),
            ],
        ),
    ) {
        Err(Error::Http(e)) => *e,
        other => panic!("expected HttpError, got {other:?}"),
    }
}

#[test]
fn githubs_example_payloads_decode() {
    let created: DeploymentStatus = decode_body(&answer(
        201,
        example!("create-deployment-status.201.json"),
        &[],
    ))
    .unwrap();
    assert_eq!(created.id, 1);
    assert_eq!(created.state, State::Success);
    assert_eq!(created.creator.as_ref().unwrap().login, "octocat");
    assert_eq!(created.environment.as_deref(), Some("production"));
    let got: DeploymentStatus = decode_body(&answer(
        200,
        example!("get-deployment-status.200.json"),
        &[],
    ))
    .unwrap();
    assert_eq!(
        got.deployment_url,
        "https://api.github.com/repos/octocat/example/deployments/42"
    );
    let list: Vec<DeploymentStatus> = decode_body(&answer(
        200,
        example!("list-deployment-statuses.200.json"),
        &[],
    ))
    .unwrap();
    assert!(!list.is_empty());
    // Decoding and encoding again keeps every field of the example that the spec names.
    let original: Value = serde_json::from_str(example!("get-deployment-status.200.json")).unwrap();
    let again = serde_json::to_value(&got).unwrap();
    for (key, value) in original.as_object().unwrap() {
        assert_eq!(again.get(key), Some(value), "{key}");
    }
}

fn example_with(edit: impl FnOnce(&mut serde_json::Map<String, Value>)) -> String {
    let mut value: Value =
        serde_json::from_str(example!("get-deployment-status.200.json")).unwrap();
    edit(value.as_object_mut().unwrap());
    value.to_string()
}

#[test]
fn nullable_and_optional_fields_and_unknown_extras_are_tolerated() {
    let body = example_with(|o| {
        o.insert("creator".into(), Value::Null);
        o.insert("performed_via_github_app".into(), Value::Null);
        o.remove("environment");
        o.remove("log_url");
        o.remove("environment_url");
        o.insert(
            "brand_new_field".into(),
            serde_json::json!({"nested": [1, 2]}),
        );
    });
    let status: DeploymentStatus = decode_body(&answer(200, &body, &[])).unwrap();
    assert!(status.creator.is_none());
    assert!(status.performed_via_github_app.is_none());
    assert!(status.environment.is_none());
    let big_id = example_with(|o| {
        o.insert("id".into(), serde_json::json!(9_223_372_036_854_775_807u64));
    });
    let status: DeploymentStatus = decode_body(&answer(200, &big_id, &[])).unwrap();
    assert_eq!(status.id, i64::MAX as u64, "ids are int64");
}

#[test]
fn a_github_app_owned_by_an_enterprise_decodes() {
    let app = serde_json::json!({
        "id": 1, "slug": "deployer", "node_id": "MDExOkludGVncmF0aW9uMQ==",
        "owner": {"id": 7, "node_id": "E_1", "name": "Acme", "slug": "acme",
                  "html_url": "https://github.com/enterprises/acme", "avatar_url": "https://a/x.png",
                  "created_at": null, "updated_at": "2020-01-01T00:00:00Z"},
        "name": "Deployer", "description": null, "external_url": "https://acme.example",
        "html_url": "https://github.com/apps/deployer", "created_at": "2020-01-01T00:00:00Z",
        "updated_at": "2020-01-01T00:00:00Z", "permissions": {"deployments": "write"},
        "events": ["deployment"]
    });
    let body = example_with(|o| {
        o.insert("performed_via_github_app".into(), app);
    });
    let status: DeploymentStatus = decode_body(&answer(200, &body, &[])).unwrap();
    let app = status.performed_via_github_app.unwrap();
    assert!(matches!(
        app.owner,
        github_deployment_status::AppOwner::Enterprise(_)
    ));
    assert_eq!(
        app.permissions.get("deployments").map(String::as_str),
        Some("write")
    );
}

#[test]
fn bodies_that_break_the_spec_are_decode_errors() {
    let missing = example_with(|o| {
        o.remove("id");
    });
    let bad_state = example_with(|o| {
        o.insert("state".into(), "exploded".into());
    });
    let string_id = example_with(|o| {
        o.insert("id".into(), "1".into());
    });
    for body in [
        missing.as_str(),
        bad_state.as_str(),
        string_id.as_str(),
        "",
        "{\"url\":",
        "<html>Unicorn!</html>",
        "[]",
    ] {
        match decode_body::<DeploymentStatus, _>(&answer(200, body, &[])) {
            Err(Error::Decode {
                status: 200,
                message,
            }) => assert!(!message.is_empty()),
            other => panic!("{body:?}: expected DecodeError, got {other:?}"),
        }
    }
    assert!(matches!(
        decode_body::<Vec<DeploymentStatus>, _>(&answer(200, "{}", &[])),
        Err(Error::Decode { .. })
    ));
}

#[test]
fn not_found_and_validation_bodies_become_http_errors() {
    let e = http_error(404, example!("not-found.404.illustrative.json"));
    assert_eq!(e.status, 404);
    assert_eq!(e.message, "Not Found");
    assert_eq!(
        e.documentation_url.as_deref(),
        Some("https://docs.github.com/rest/deployments/statuses#get-a-deployment-status")
    );
    assert_eq!(e.rate_limit.as_ref().map(|r| r.remaining), Some(4999));
    let e = http_error(422, example!("validation-failed.422.illustrative.json"));
    assert_eq!(e.message, "Validation Failed");
    assert_eq!(e.errors.len(), 1);
    assert_eq!(e.errors[0].field.as_deref(), Some("state"));
    assert_eq!(e.errors[0].code, "custom");
    assert_eq!(
        e.errors[0].message.as_deref(),
        Some("state is not included in the list")
    );
    for (name, value) in &e.request.headers {
        assert!(
            !value.contains("ghp_hidden_token"),
            "{name} leaks the token"
        );
    }
    assert!(!format!("{e:?}").contains("ghp_hidden_token"));
}

#[test]
fn error_bodies_that_are_not_json_still_give_a_message() {
    let e = http_error(502, "<html><body>Unicorn!</body></html>");
    assert_eq!(e.message, "Bad Gateway");
    assert!(e.documentation_url.is_none());
    let e = http_error(
        422,
        r#"{"message":"Validation Failed","errors":["No ref found for: x"]}"#,
    );
    assert_eq!(e.errors[0].message.as_deref(), Some("No ref found for: x"));
    assert!(check_status(
        &Client::builder()
            .build()
            .unwrap()
            .deployment_statuses("o", "r", 1)
            .list()
            .request()
            .unwrap(),
        answer(200, "[]", &[])
    )
    .is_ok());
}

#[test]
fn link_headers_parse_like_github_sends_them() {
    let example: Value = serde_json::from_str(example!("response-headers.json")).unwrap();
    let link = example
        .as_object()
        .unwrap()
        .iter()
        .find(|(k, _)| k.contains("Link"))
        .and_then(|(_, v)| v.as_str())
        .unwrap();
    let links = Links::parse(link);
    assert_eq!(
        links.next.as_deref(),
        Some("https://api.github.com/resource?page=2")
    );
    assert_eq!(
        links.last.as_deref(),
        Some("https://api.github.com/resource?page=5")
    );
    assert_eq!(links.prev, None);
    let all = Links::parse(
        "<https://ghe.example.com/api/v3/repos/o/r/deployments/1/statuses?per_page=2&page=1>; rel=\"prev\", \
         <https://ghe.example.com/api/v3/repos/o/r/deployments/1/statuses?per_page=2&page=3>; rel=\"next\", \
         <https://ghe.example.com/api/v3/repos/o/r/deployments/1/statuses?per_page=2&page=9>; rel=\"last\", \
         <https://ghe.example.com/api/v3/repos/o/r/deployments/1/statuses?per_page=2&page=1>; rel=\"first\"",
    );
    assert!(all.next.unwrap().ends_with("page=3"));
    assert!(all.prev.unwrap().ends_with("page=1"));
    assert!(all.last.unwrap().ends_with("page=9"));
    assert!(all.first.unwrap().ends_with("page=1"));
    let odd =
        Links::parse("<https://x/a,b;c>; REL=next; title=\"x\",<https://x/z>;rel=\"prev last\"");
    assert_eq!(odd.next.as_deref(), Some("https://x/a,b;c"));
    assert_eq!(odd.prev.as_deref(), Some("https://x/z"));
    assert_eq!(odd.last.as_deref(), Some("https://x/z"));
    for garbage in [
        "",
        "nonsense",
        "<unterminated; rel=next",
        ">; rel=next <",
        "<>; rel=next",
    ] {
        assert_eq!(Links::parse(garbage).next, None, "{garbage:?}");
    }
}

#[test]
fn rate_limit_headers_parse() {
    let headers = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(n, v)| ((*n).into(), (*v).into()))
            .collect()
    };
    let limit = RateLimit::from_headers(&headers(&[
        ("x-ratelimit-limit", "5000"),
        ("x-ratelimit-remaining", "4987"),
        ("x-ratelimit-used", "13"),
        ("x-ratelimit-reset", "1767225600"),
        ("x-ratelimit-resource", "core"),
    ]))
    .unwrap();
    assert_eq!(
        (
            limit.limit,
            limit.remaining,
            limit.used,
            limit.reset,
            limit.resource.as_deref()
        ),
        (5000, 4987, 13, 1_767_225_600, Some("core"))
    );
    let no_used = RateLimit::from_headers(&headers(&[
        ("X-RateLimit-Limit", "60"),
        ("X-RateLimit-Remaining", "0"),
        ("X-RateLimit-Reset", "1"),
    ]))
    .unwrap();
    assert_eq!((no_used.used, no_used.resource), (60, None));
    assert!(RateLimit::from_headers(&headers(&[("x-ratelimit-limit", "5000")])).is_none());
    assert!(RateLimit::from_headers(&headers(&[
        ("x-ratelimit-limit", "lots"),
        ("x-ratelimit-remaining", "1"),
        ("x-ratelimit-reset", "1"),
    ]))
    .is_none());
}

/// The one-pass check the npm package runs and serde's typed decoding agree on what fits the spec.
#[test]
fn the_schema_check_and_the_typed_model_agree() {
    use github_deployment_status::schema::{check, Schema};
    let example: Value = serde_json::from_str(example!("get-deployment-status.200.json")).unwrap();
    let agree = |value: &Value, label: &str| {
        let text = value.to_string();
        let scanned = check(text.as_bytes(), Schema::Status).is_ok();
        let typed = decode_body::<DeploymentStatus, _>(&answer(200, &text, &[])).is_ok();
        assert_eq!(
            scanned, typed,
            "{label}: schema check {scanned}, serde {typed}"
        );
        scanned
    };
    assert!(agree(&example, "the example"));
    let required = [
        "url",
        "id",
        "node_id",
        "state",
        "creator",
        "description",
        "target_url",
        "created_at",
        "updated_at",
        "deployment_url",
        "repository_url",
    ];
    for key in example.as_object().unwrap().keys() {
        let mut without = example.clone();
        without.as_object_mut().unwrap().remove(key);
        assert_eq!(
            agree(&without, key),
            !required.contains(&key.as_str()),
            "without {key}"
        );
        let mut wrong = example.clone();
        wrong[key] = serde_json::json!([1]);
        assert!(!agree(&wrong, key), "{key} as an array");
    }
    for (key, value, fits) in [
        ("creator", serde_json::json!(null), true),
        ("performed_via_github_app", serde_json::json!(null), true),
        ("state", serde_json::json!("exploded"), false),
        ("id", serde_json::json!("1"), false),
        ("id", serde_json::json!(1.5e3), false),
        ("description", serde_json::json!(null), false),
        ("extra", serde_json::json!({"deep": [{"er": null}]}), true),
    ] {
        let mut edited = example.clone();
        edited[key] = value.clone();
        assert_eq!(agree(&edited, key), fits, "{key} = {value}");
    }
    let mut no_login = example.clone();
    no_login["creator"].as_object_mut().unwrap().remove("login");
    assert!(!agree(&no_login, "creator without login"));
    let list = format!("[{example},{example}]");
    assert!(check(list.as_bytes(), Schema::StatusList).is_ok());
    assert!(check(b"[]", Schema::StatusList).is_ok());
    assert!(
        check(example.to_string().as_bytes(), Schema::StatusList).is_err(),
        "an object is not a list"
    );
}

#[test]
fn the_schema_check_refuses_text_that_is_not_json() {
    use github_deployment_status::schema::{check, Schema};
    let good = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/get-deployment-status.200.json"
    ));
    assert!(check(good.as_bytes(), Schema::Status).is_ok());
    let truncated = good.get(..good.len() / 2).unwrap();
    for bad in [
        "",
        "{",
        "[1]",
        "{\"url\":",
        truncated,
        "<html>Unicorn!</html>",
        "null",
        &format!("{good} trailing"),
        &good.replacen("\"url\"", "\"url\" \"x\"", 1),
        &good.replacen("Deployment", "Deploy\u{1}ment", 1),
        &good.replacen("Deployment", "Deploy\\qment", 1),
    ] {
        let list = format!("[{bad}]");
        assert!(check(bad.as_bytes(), Schema::Status).is_err(), "{bad:?}");
        assert!(
            check(list.as_bytes(), Schema::StatusList).is_err() || bad.is_empty(),
            "[{bad:?}]"
        );
    }
    let deep = format!("{}{}", "[".repeat(100), "]".repeat(100));
    let nested = good.replacen("{", &format!("{{\"x\":{deep},"), 1);
    assert!(
        check(nested.as_bytes(), Schema::Status).is_err(),
        "deep nesting is refused, not a stack overflow"
    );
}

#[test]
fn an_escaped_duplicate_key_is_read_as_json_parse_reads_it() {
    use github_deployment_status::schema::{check, Schema};
    let good = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/get-deployment-status.200.json"
    ));
    let smuggled = good.replacen('{', "{\"st\\u0061te\": 5, ", 1);
    assert!(
        check(smuggled.as_bytes(), Schema::Status).is_err(),
        "a second `state` that is not a state"
    );
    let fine = good.replacen(
        '{',
        "{\"st\\u0061te\": \"queued\", \"x\\n\\u00e9\\ud83d\\ude80\": 1, ",
        1,
    );
    assert!(check(fine.as_bytes(), Schema::Status).is_ok());
    // A state is compared decoded too, and only a whole state fits.
    for (state, fits) in [
        ("succ\\u0065ss", true),
        ("\\u0071ueued", true),
        ("succ\\u0065s", false),
        ("successful", false),
        ("succes", false),
        ("", false),
    ] {
        let text = good.replacen("\"success\"", &format!("\"{state}\""), 1);
        assert_eq!(
            check(text.as_bytes(), Schema::Status).is_ok(),
            fits,
            "{state}"
        );
    }
}

#[test]
fn the_string_scan_finds_a_special_byte_at_every_offset_of_a_word() {
    use github_deployment_status::schema::{check, Schema};
    let example = example!("get-deployment-status.200.json");
    assert!(example.contains("Deployment finished successfully."));
    // Multi-byte UTF-8 (bytes >= 0x80) next to the special bytes, at every offset of 8-byte words.
    let description = "Déploiement terminé ✓, ünïcode — fin.";
    let good = example.replacen("Deployment finished successfully.", description, 1);
    assert!(check(good.as_bytes(), Schema::Status).is_ok());
    let boundaries = (0..=description.len()).filter(|&i| description.is_char_boundary(i));
    for at in boundaries {
        let (head, tail) = description.split_at(at);
        for (inserted, fits) in [
            ("\u{1}", false),
            ("\\\"", true),
            ("\\u0041", true),
            ("\\x", false),
        ] {
            let body = good.replacen(description, &format!("{head}{inserted}{tail}"), 1);
            assert_eq!(
                check(body.as_bytes(), Schema::Status).is_ok(),
                fits,
                "{inserted:?} at {at}"
            );
        }
        let cut = good.replacen(description, &format!("{head}\"{tail}"), 1);
        assert!(
            check(cut.as_bytes(), Schema::Status).is_err(),
            "a quote at {at} ends the string"
        );
    }
}

#[test]
fn a_body_off_the_spec_is_told_by_field_and_byte() {
    use github_deployment_status::schema::{check, Schema};
    let good = example!("get-deployment-status.200.json");
    let at = |text: &str, needle: &str| text.find(needle).expect("in the example");
    let null = good.replacen("\"state\": \"success\"", "\"state\": null", 1);
    let after_null = at(&null, "\"state\": null") + "\"state\": null".len();
    assert_eq!(
        check(null.as_bytes(), Schema::Status),
        Err(format!("`state` is null at byte {after_null}"))
    );
    let wrong = good.replacen("\"state\": \"success\"", "\"state\": \"done\"", 1);
    let value = at(&wrong, "\"done\"");
    assert_eq!(
        check(wrong.as_bytes(), Schema::Status),
        Err(format!("`state` is not what the spec says at byte {value}"))
    );
    let list = format!("[{}]", good.replacen("\"state\"", "\"status\"", 1));
    assert_eq!(
        check(list.as_bytes(), Schema::StatusList),
        Err(format!(
            "`[0].state` is missing at byte {}",
            list.rfind('}').map_or(0, |i| i + 1)
        ))
    );
    assert_eq!(
        check(b"[1]", Schema::StatusList),
        Err("`[0]` expected an object at byte 1".to_owned())
    );
}

#[test]
fn a_fault_deep_in_a_list_is_told_by_its_path() {
    use github_deployment_status::schema::{check, Schema};
    let good = example!("get-deployment-status.200.json");
    let no_node_id = good.replacen("\"node_id\": \"MDQ6VXNlcjE=\",", "", 1);
    let list = format!("[{good},{good},{good},{no_node_id}]");
    let fault = check(list.as_bytes(), Schema::StatusList).unwrap_err();
    assert!(
        fault.starts_with("`[3].creator.node_id` is missing at byte "),
        "{fault}"
    );
}

#[test]
fn an_id_a_js_number_cannot_hold_is_refused_by_name() {
    use github_deployment_status::schema::{check, Schema};
    let good = example!("get-deployment-status.200.json");
    let edge = good.replacen("\"id\": 1,", "\"id\": 9007199254740991,", 1);
    assert_eq!(check(edge.as_bytes(), Schema::Status), Ok(()));
    let above = good.replacen("\"id\": 1,", "\"id\": 9007199254740993,", 1);
    let fault = check(above.as_bytes(), Schema::Status).unwrap_err();
    assert!(fault.starts_with("`id` is above 2^53-1"), "{fault}");
    let list = format!(
        "[{good},{}]",
        good.replacen(
            "\"id\": 1,\n    \"node_id\": \"MDQ6",
            "\"id\": 9223372036854775807,\n    \"node_id\": \"MDQ6",
            1
        )
    );
    let fault = check(list.as_bytes(), Schema::StatusList).unwrap_err();
    assert!(
        fault.starts_with("`[1].creator.id` is above 2^53-1"),
        "{fault}"
    );
}
