//! The engine on the host for deployments and environments: requests as GitHub takes them, the
//! exactly-once create, DELETE's lost answers, the overview's reads and waiting for a final
//! status, on a scripted runtime with a virtual clock.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod scripted;

use github_deployment_status::engine::Within;
use github_deployment_status::{Client, CreatedDeployment, Error, State};
use scripted::{answer, at, list, reset, run, status, Scripted, Step};
use serde_json::{json, Value};

const REPO: &str = "https://api.github.com/repos/octo-org/hello-world";

/// A client whose create check reads once (no window of re-reads).
fn client() -> Client {
    Client::builder()
        .auth("ghp_scripted")
        .create_check_window_ms(0)
        .build()
        .unwrap()
}

/// GitHub's example deployment with the given id, ref, environment and creation time.
fn deployment(id: u64, git_ref: &str, environment: &str, created_at: &str) -> Value {
    let mut value: Value = serde_json::from_str(include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/get-deployment.200.json"
    )))
    .unwrap();
    value["id"] = id.into();
    value["url"] = format!("{REPO}/deployments/{id}").into();
    value["ref"] = git_ref.into();
    value["environment"] = environment.into();
    value["task"] = "deploy".into();
    value["description"] = Value::Null;
    value["created_at"] = created_at.into();
    value
}

/// GitHub's example environment, renamed.
fn environment(id: u64, name: &str) -> Value {
    let page: Value = serde_json::from_str(include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/list-environments.200.json"
    )))
    .unwrap();
    let mut value = page["environments"][0].clone();
    value["id"] = id.into();
    value["name"] = name.into();
    value
}

fn environments(names: &[&str]) -> String {
    let all: Vec<Value> = names
        .iter()
        .enumerate()
        .map(|(i, name)| environment(i as u64 + 1, name))
        .collect();
    json!({ "total_count": all.len(), "environments": all }).to_string()
}

fn body(sent: &scripted::Sent) -> Value {
    serde_json::from_str(sent.body.as_deref().unwrap()).unwrap()
}

#[test]
fn a_deployment_is_posted_with_an_empty_required_contexts_and_the_payload_as_given() {
    let created = deployment(9, "main", "staging", &at(0)).to_string();
    let rt = Scripted::new(vec![answer(201, &[], &created)]);
    let got = run(client()
        .deployments("octo-org", "hello-world")
        .create("main")
        .environment("staging")
        .required_contexts(Vec::<String>::new())
        .payload(&json!({"deploy": "migrate"}))
        .auto_merge(false)
        .send_with(&rt))
    .unwrap();
    assert_eq!(got.status, 201);
    assert!(matches!(got.data, CreatedDeployment::Created(d) if d.id == 9 && d.git_ref == "main"));
    let sent = &rt.sent()[0];
    assert_eq!(
        (sent.method, sent.url.as_str()),
        ("POST", &*format!("{REPO}/deployments"))
    );
    assert_eq!(
        body(sent),
        json!({"ref": "main", "environment": "staging", "payload": {"deploy": "migrate"},
               "required_contexts": [], "auto_merge": false})
    );
}

#[test]
fn a_string_payload_is_sent_as_a_json_string_and_other_values_are_refused() {
    let deployments = client();
    let deployments = deployments.deployments("o", "r");
    let request = deployments
        .create("v1")
        .payload(&json!("{ \"deploy\": \"migrate\" }"))
        .request()
        .unwrap();
    assert_eq!(
        body_of(&request.body),
        json!({"ref": "v1", "payload": "{ \"deploy\": \"migrate\" }"})
    );
    let refused = deployments
        .create("v1")
        .payload(&json!([1]))
        .request()
        .unwrap_err();
    assert_eq!(
        refused.message(),
        "payload must be an object of JSON values, or a string"
    );
    let empty = deployments.create("").request().unwrap_err();
    assert_eq!(empty.message(), "ref must not be empty");
}

fn body_of(body: &Option<String>) -> Value {
    serde_json::from_str(body.as_deref().unwrap()).unwrap()
}

#[test]
fn a_202_resolves_with_githubs_message_and_creates_nothing_to_claim() {
    let merged = json!({"message": "Auto-merged main into topic on deployment."}).to_string();
    let rt = Scripted::new(vec![answer(202, &[], &merged)]);
    let got = run(client()
        .deployments("octo-org", "hello-world")
        .create("topic")
        .send_with(&rt))
    .unwrap();
    assert_eq!(got.status, 202);
    assert_eq!(
        got.data,
        CreatedDeployment::Merged {
            message: "Auto-merged main into topic on deployment.".into()
        }
    );
}

#[test]
fn a_409_is_githubs_error_with_its_errors_and_is_not_retried() {
    let conflict = json!({
        "message": "Conflict: Commit status checks failed for topic.",
        "errors": [{"contexts": [{"context": "ci", "state": "failure"}], "resource": "Deployment",
                    "field": "required_contexts", "code": "invalid"}],
        "documentation_url": "https://docs.github.com/rest"
    });
    let rt = Scripted::new(vec![answer(409, &[], &conflict.to_string())]);
    let error = run(client()
        .deployments("octo-org", "hello-world")
        .create("topic")
        .send_with(&rt))
    .unwrap_err();
    let Error::Http(http) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(
        (http.status, http.message.as_str()),
        (409, "Conflict: Commit status checks failed for topic.")
    );
    assert_eq!(http.errors[0].field.as_deref(), Some("required_contexts"));
    assert_eq!(rt.sent().len(), 1);
    assert!(!error.may_have_been_created());
}

#[test]
fn a_lost_answer_is_found_by_ref_task_and_environment_and_not_posted_again() {
    let mine = deployment(11, "main", "staging", &at(0));
    let other = deployment(10, "main", "staging", &at(-3600));
    let rt = Scripted::new(vec![reset(), answer(200, &[], &list(&[mine, other]))]);
    let got = run(client()
        .deployments("octo-org", "hello-world")
        .create("main")
        .environment("staging")
        .send_with(&rt))
    .unwrap();
    assert_eq!(got.status, 201);
    assert!(matches!(got.data, CreatedDeployment::Created(d) if d.id == 11));
    let sent = rt.sent();
    assert_eq!(sent.len(), 2);
    assert_eq!(
        sent[1].url,
        format!("{REPO}/deployments?ref=main&task=deploy&environment=staging&per_page=100")
    );
}

#[test]
fn a_lost_answer_with_nothing_created_is_posted_again_once_proven_absent() {
    let older = deployment(10, "main", "production", &at(-3600));
    let created = deployment(12, "main", "production", &at(1)).to_string();
    let rt = Scripted::new(vec![
        answer(502, &[], "{}"),
        answer(200, &[], &list(&[older])),
        answer(201, &[], &created),
    ]);
    let got = run(client()
        .deployments("octo-org", "hello-world")
        .create("main")
        .send_with(&rt))
    .unwrap();
    assert!(matches!(got.data, CreatedDeployment::Created(d) if d.id == 12));
    let posts = rt.sent().iter().filter(|s| s.method == "POST").count();
    assert_eq!(posts, 2);
}

#[test]
fn a_check_that_cannot_read_says_the_deployment_may_have_been_created() {
    let rt = Scripted::new(vec![
        reset(),
        answer(404, &[], r#"{"message":"Not Found"}"#),
    ]);
    let error = run(client()
        .deployments("octo-org", "hello-world")
        .create("main")
        .send_with(&rt))
    .unwrap_err();
    assert!(error.may_have_been_created(), "{error:?}");
    assert_eq!(rt.sent().iter().filter(|s| s.method == "POST").count(), 1);
}

#[test]
fn list_filters_are_encoded_and_environments_are_paged() {
    let client = client();
    let request = client
        .deployments("octo-org", "hello-world")
        .list()
        .git_ref("feature/a b")
        .environment("prod")
        .sha("abc")
        .task("deploy:migrations")
        .per_page(5)
        .page(2)
        .request()
        .unwrap();
    assert_eq!(
        request.url,
        format!("{REPO}/deployments?sha=abc&ref=feature%2Fa%20b&task=deploy%3Amigrations&environment=prod&per_page=5&page=2")
    );
    let request = client
        .environments("octo-org", "hello-world")
        .list()
        .per_page(100)
        .request()
        .unwrap();
    assert_eq!(request.url, format!("{REPO}/environments?per_page=100"));
    let bad = client
        .deployments("octo-org", "hello-world")
        .list()
        .per_page(101)
        .request()
        .unwrap_err();
    assert!(matches!(bad, Error::Validation { .. }));
}

#[test]
fn environments_walk_every_page_and_decode_githubs_example() {
    let next = format!("<{REPO}/environments?per_page=1&page=2>; rel=\"next\"");
    let rt = Scripted::new(vec![
        answer(200, &[("link", &next)], &environments(&["staging"])),
        answer(200, &[], &environments(&["production"])),
    ]);
    let all = run(client()
        .environments("octo-org", "hello-world")
        .list()
        .per_page(1)
        .paginate_with(&rt, |_, _| {}))
    .unwrap();
    let names: Vec<&str> = all.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["staging", "production"]);
    assert_eq!(all[0].protection_rules.as_ref().map(Vec::len), Some(3));
}

#[test]
fn a_body_off_the_deployment_spec_is_a_decode_error_naming_the_field() {
    let mut bad = deployment(5, "main", "production", &at(0));
    bad["payload"] = json!(7);
    let rt = Scripted::new(vec![answer(200, &[], &list(&[bad]))]);
    let error = run(github_deployment_status::engine::get::<
        _,
        github_deployment_status::engine::Checked,
    >(
        &rt,
        &client(),
        &client()
            .deployments("octo-org", "hello-world")
            .list()
            .request()
            .unwrap(),
        github_deployment_status::schema::Schema::DeploymentList,
    ))
    .unwrap_err();
    assert!(
        error
            .message()
            .contains("`[0].payload` is not what the spec says"),
        "{error}"
    );
}

/// Deletes deployment 3 through `rt`.
fn delete(
    rt: &Scripted,
) -> github_deployment_status::Result<github_deployment_status::Response<()>> {
    run(client()
        .deployments("octo-org", "hello-world")
        .delete(3)
        .send_with(rt))
}

#[test]
fn a_delete_resolves_204_and_a_lost_answer_then_404_is_the_same_204() {
    let rt = Scripted::new(vec![answer(204, &[], "")]);
    let got = delete(&rt).unwrap();
    assert_eq!(got.status, 204);
    assert_eq!(
        (rt.sent()[0].method, rt.sent()[0].url.as_str()),
        ("DELETE", &*format!("{REPO}/deployments/3"))
    );

    let rt = Scripted::new(vec![
        reset(),
        answer(404, &[], r#"{"message":"Not Found"}"#),
    ]);
    let got = delete(&rt).unwrap();
    assert_eq!(got.status, 204);
    assert_eq!(rt.sent().len(), 2);

    let rt = Scripted::new(vec![answer(404, &[], r#"{"message":"Not Found"}"#)]);
    let error = delete(&rt).unwrap_err();
    assert_eq!(error.status(), 404);

    let active = r#"{"message":"Validation Failed","errors":["We cannot delete an active deployment unless it is the only deployment in a given environment."]}"#;
    let rt = Scripted::new(vec![answer(422, &[], active)]);
    let error = delete(&rt).unwrap_err();
    assert_eq!(error.status(), 422);
    assert_eq!(rt.sent().len(), 1);
}

#[test]
fn the_overview_reads_environments_one_page_of_deployments_and_only_what_is_missing() {
    let recent = list(&[
        deployment(30, "v3", "staging", &at(-60)),
        deployment(29, "v2", "production", &at(-120)),
        deployment(28, "v1", "staging", &at(-180)),
    ]);
    let rt = Scripted::new(vec![
        answer(
            200,
            &[],
            &environments(&["production", "qa", "staging", "empty"]),
        ),
        answer(200, &[], &recent),
        // production: its status
        answer(200, &[], &list(&[status(7, "success", "done", &at(-100))])),
        // qa: not among the newest, read by name, then its status
        answer(200, &[], &list(&[deployment(4, "v0", "qa", &at(-9000))])),
        answer(200, &[], &list(&[])),
        // staging: its status
        answer(
            200,
            &[],
            &list(&[status(8, "in_progress", "rolling", &at(-50))]),
        ),
        // empty: no deployment at all
        answer(200, &[], &list(&[])),
    ]);
    let rows = run(client()
        .deployments("octo-org", "hello-world")
        .overview_with(&rt))
    .unwrap();
    let summary: Vec<(String, Option<u64>, Option<State>)> = rows
        .iter()
        .map(|r| {
            (
                r.environment.name.clone(),
                r.deployment.as_ref().map(|d| d.id),
                r.status.as_ref().map(|s| s.state),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("production".to_owned(), Some(29), Some(State::Success)),
            ("qa".to_owned(), Some(4), None),
            ("staging".to_owned(), Some(30), Some(State::InProgress)),
            ("empty".to_owned(), None, None),
        ]
    );
    let urls = rt.lines();
    assert_eq!(urls.len(), 7, "{urls:#?}");
    assert!(
        urls.iter()
            .any(|u| u.ends_with("/deployments?environment=qa&per_page=1")),
        "{urls:#?}"
    );
    assert!(
        urls.iter()
            .any(|u| u.ends_with("/deployments?environment=empty&per_page=1")),
        "{urls:#?}"
    );
    assert!(
        !urls.iter().any(|u| u.contains("environment=staging")),
        "{urls:#?}"
    );
}

#[test]
fn waiting_resolves_with_the_first_final_status_and_reports_each_new_one_in_order() {
    let statuses = |items: &[(u64, &str)]| {
        let all: Vec<Value> = items
            .iter()
            .map(|(id, state)| status(*id, state, "", &at(0)))
            .collect();
        list(&all)
    };
    let rt = Scripted::new(vec![
        answer(
            200,
            &[("etag", "\"a\"")],
            &statuses(&[(2, "in_progress"), (1, "queued")]),
        ),
        answer(304, &[("etag", "\"a\"")], ""),
        answer(
            200,
            &[("etag", "\"b\""), ("x-poll-interval", "3")],
            &statuses(&[
                (5, "inactive"),
                (4, "failure"),
                (3, "in_progress"),
                (2, "in_progress"),
            ]),
        ),
    ]);
    let mut seen = Vec::new();
    let client = client();
    let handler = client.deployment_statuses("octo-org", "hello-world", 42);
    let last = run(handler.wait_with(&rt, 1000, |s| seen.push(s.id))).unwrap();
    assert_eq!((last.id, last.state), (4, State::Failure));
    assert_eq!(seen, [2, 3, 4]);
    assert_eq!(rt.waits(), [1000, 1000]);
    assert_eq!(rt.sent()[1].header("if-none-match"), Some("\"a\""));
}

#[test]
fn waiting_honours_x_poll_interval_and_ends_at_the_deadline_with_a_timeout_error() {
    let pending = list(&[status(1, "pending", "", &at(0))]);
    let rt = Scripted::new(vec![
        answer(200, &[("x-poll-interval", "5")], &pending),
        answer(200, &[("x-poll-interval", "5")], &pending),
        Step::Stall,
    ]);
    let bounded = Within::new(&rt, 12_000);
    let client = client();
    let error = run(client
        .deployment_statuses("octo-org", "hello-world", 42)
        .wait_with(&bounded, 1000, |_| {}))
    .unwrap_err();
    assert_eq!(error, Error::Deadline { timeout_ms: 12_000 });
    assert_eq!(error.name(), "TimeoutError");
    assert_eq!(error.message(), "timeoutMs (12000 ms) passed first");
    assert_eq!(rt.elapsed_ms(), 12_000);
    assert_eq!(rt.waits(), [5000, 5000]);
}

#[test]
fn a_final_status_already_there_resolves_at_once_and_an_older_one_is_not_taken() {
    let rt = Scripted::new(vec![answer(
        200,
        &[],
        &list(&[
            status(3, "success", "", &at(0)),
            status(2, "failure", "", &at(-9)),
        ]),
    )]);
    let client = client();
    let got = run(client
        .deployment_statuses("octo-org", "hello-world", 42)
        .wait_with(&rt, 1000, |_| {}))
    .unwrap();
    assert_eq!(got.id, 3);

    let rt = Scripted::new(vec![
        answer(
            200,
            &[],
            &list(&[
                status(3, "in_progress", "", &at(0)),
                status(2, "failure", "", &at(-9)),
            ]),
        ),
        answer(
            200,
            &[],
            &list(&[
                status(4, "error", "", &at(1)),
                status(3, "in_progress", "", &at(0)),
            ]),
        ),
    ]);
    let got = run(client
        .deployment_statuses("octo-org", "hello-world", 42)
        .wait_with(&rt, 1000, |_| {}))
    .unwrap();
    assert_eq!((got.id, got.state), (4, State::Error));
}
