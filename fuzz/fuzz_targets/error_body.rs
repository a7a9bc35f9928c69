//! `check_status` and `HttpError::from_response` on any status, headers and body: no panic, the
//! status and GitHub's fields come through as sent, and the token never shows. The input reads
//! like an HTTP answer, so seeds are readable (see below).
#![no_main]

use github_deployment_status::request::{HttpRequest, Method};
use github_deployment_status::{check_status, Error, HttpError, HttpResponse, RateLimit};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

/// The token the request carries; it must never show in the error.
const TOKEN: &str = "ghp_fuzzSECRETtoken0123456789";

fuzz_target!(|data: &[u8]| {
    // Like an HTTP answer: `STATUS [POST]`, header lines `name: value`, an empty line, the body.
    let (head, body) = match data.windows(2).position(|w| w == b"\n\n") {
        Some(at) => (&data[..at], &data[at + 2..]),
        None => (data, &[][..]),
    };
    let head = String::from_utf8_lossy(head);
    let mut lines = head.split('\n');
    let first = lines.next().unwrap_or_default();
    let status = first
        .split(' ')
        .next()
        .and_then(|s| s.trim().parse::<u16>().ok())
        .unwrap_or(422);
    let post = first.contains("POST");
    let headers: Vec<(String, String)> = lines
        .map(|line| {
            let (name, value) = line.split_once(':').unwrap_or((line, ""));
            (name.to_owned(), value.trim_start().to_owned())
        })
        .collect();
    // A runtime reads a body that is not UTF-8 with U+FFFD for each bad sequence.
    let body = String::from_utf8_lossy(body).into_owned();
    let url =
        "https://api.github.com/repos/octo-org/hello-world/deployments/42/statuses".to_owned();
    let token = TOKEN;
    let request = HttpRequest {
        method: if post { Method::Post } else { Method::Get },
        url: url.clone(),
        headers: vec![
            ("accept", "application/vnd.github+json".to_owned()),
            ("authorization", format!("Bearer {token}")),
        ],
        body: post.then(|| "{\"state\":\"success\"}".to_owned()),
    };
    let response = HttpResponse {
        status,
        url,
        headers,
        body,
    };
    let leaked_by_input = response.body.contains(token)
        || response.url.contains(token)
        || response
            .headers
            .iter()
            .any(|(n, v)| n.contains(token) || v.contains(token));

    let direct = HttpError::from_response(request.summary(), response.clone());
    check_error(&direct, &response, token, leaked_by_input);

    match check_status(&request, response.clone()) {
        Ok(passed) => {
            assert!((200..300).contains(&status), "status {} passed", status);
            assert_eq!(passed, response);
        }
        Err(error) => {
            assert!(!(200..300).contains(&status), "status {} refused", status);
            assert_eq!(error.name(), "HttpError");
            assert_eq!(error.status(), status);
            if !leaked_by_input {
                assert!(
                    !format!("{error:?}").contains(token),
                    "token in Debug output"
                );
                assert!(!error.to_string().contains(token), "token in the message");
            }
            match error {
                Error::Http(http) => assert_eq!(*http, direct),
                other => panic!("not an HttpError: {other:?}"),
            }
        }
    }
});

fn check_error(error: &HttpError, response: &HttpResponse, token: &str, leaked_by_input: bool) {
    assert_eq!(error.status, response.status);
    assert_eq!(&error.response, response);
    assert_eq!(error.rate_limit, RateLimit::from_headers(&response.headers));
    let auth = error
        .request
        .headers
        .iter()
        .find(|(n, _)| *n == "authorization")
        .map(|(_, v)| v.as_str());
    assert_eq!(auth, Some("Bearer [REDACTED]"));
    if !leaked_by_input {
        assert!(
            !format!("{error:?}").contains(token),
            "token in Debug output"
        );
    }
    // GitHub's fields come through as GitHub sent them.
    let parsed: Option<Value> = serde_json::from_str(&response.body).ok();
    let text = |key: &str| {
        parsed
            .as_ref()
            .and_then(|v| v.get(key))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    match text("message") {
        Some(message) => assert_eq!(error.message, message),
        None => assert!(
            !error.message.is_empty(),
            "no message for status {}",
            response.status
        ),
    }
    assert_eq!(error.documentation_url, text("documentation_url"));
    let expected_errors = parsed
        .as_ref()
        .and_then(|v| v.get("errors"))
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    assert_eq!(
        error.errors.len(),
        expected_errors,
        "errors of {:?}",
        response.body
    );
}
