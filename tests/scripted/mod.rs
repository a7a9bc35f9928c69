//! A scripted runtime with a virtual clock: the engine's scenarios run on the host, with no
//! network and no sleeping. Each request takes the next scripted step; time moves only when an
//! answer takes time or the engine waits.
#![allow(dead_code)]

use github_deployment_status::engine::{self, Answer, Checked, Limits, Runtime};
use github_deployment_status::schema::Schema;
use github_deployment_status::{Client, Error, HttpRequest, HttpResponse, Result};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

/// Virtual time at which every scenario starts (2027-01-15, in ms since the epoch).
pub const START_MS: u64 = 1_800_000_000_000;

/// The API root of every scenario.
pub const BASE: &str = "https://api.github.com";

/// The statuses of deployment 42 of octo-org/hello-world.
pub const STATUSES: &str =
    "https://api.github.com/repos/octo-org/hello-world/deployments/42/statuses";

/// What the scripted server does with one request.
pub enum Step {
    /// Answers after `after_ms` of virtual time.
    Answer {
        after_ms: u64,
        status: u16,
        headers: Vec<(String, String)>,
        body: String,
        /// Where the answer came from, when not the request's URL (a redirect the runtime followed).
        from: Option<String>,
    },
    /// The connection fails after `after_ms` (reset, refused).
    Reset { after_ms: u64 },
    /// No answer ever comes: the attempt's timeout ends it.
    Stall,
}

/// A request as the runtime saw it, and when.
#[derive(Debug, Clone)]
pub struct Sent {
    pub at_ms: u64,
    pub method: &'static str,
    pub url: String,
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<String>,
}

impl Sent {
    /// The value of header `name` as sent.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The scripted runtime: steps in order, a virtual clock, an optional abort time.
pub struct Scripted {
    now: Cell<u64>,
    steps: RefCell<VecDeque<Step>>,
    sent: RefCell<Vec<Sent>>,
    waits: RefCell<Vec<u64>>,
    abort_at: Cell<Option<u64>>,
    jitter: f64,
}

impl Scripted {
    /// A runtime that answers `steps` in order, at [`START_MS`], with jitter 0.5.
    pub fn new(steps: Vec<Step>) -> Scripted {
        Scripted {
            now: Cell::new(START_MS),
            steps: RefCell::new(steps.into()),
            sent: RefCell::new(Vec::new()),
            waits: RefCell::new(Vec::new()),
            abort_at: Cell::new(None),
            jitter: 0.5,
        }
    }

    /// The caller's signal fires `ms` after the start.
    pub fn abort_after(self, ms: u64) -> Scripted {
        self.abort_at.set(Some(START_MS + ms));
        self
    }

    /// More steps, after those left.
    pub fn then(&self, steps: Vec<Step>) {
        self.steps.borrow_mut().extend(steps);
    }

    /// Every request sent so far.
    pub fn sent(&self) -> Vec<Sent> {
        self.sent.borrow().clone()
    }

    /// Methods and URLs sent so far, as `"GET url"`.
    pub fn lines(&self) -> Vec<String> {
        self.sent
            .borrow()
            .iter()
            .map(|s| format!("{} {}", s.method, s.url))
            .collect()
    }

    /// Every wait the engine asked for, in ms.
    pub fn waits(&self) -> Vec<u64> {
        self.waits.borrow().clone()
    }

    /// Virtual time elapsed since the start, in ms.
    pub fn elapsed_ms(&self) -> u64 {
        self.now.get() - START_MS
    }

    /// Steps not used by the engine.
    pub fn unused(&self) -> usize {
        self.steps.borrow().len()
    }

    /// Advances the clock by `ms` unless the abort comes first; `true` if it did.
    fn advance(&self, ms: u64) -> bool {
        let until = self.now.get().saturating_add(ms);
        match self.abort_at.get() {
            Some(at) if at <= until => {
                self.now.set(self.now.get().max(at));
                true
            }
            _ => {
                self.now.set(until);
                false
            }
        }
    }

    fn aborted(&self) -> bool {
        self.abort_at.get().is_some_and(|at| at <= self.now.get())
    }
}

impl Runtime for Scripted {
    type Body = String;

    async fn send(&self, request: &HttpRequest, limits: Limits) -> Result<Answer<Self>> {
        let timeout_ms = limits.timeout_ms;
        if self.aborted() {
            return Err(Error::Abort);
        }
        self.sent.borrow_mut().push(Sent {
            at_ms: self.now.get() - START_MS,
            method: request.method.as_str(),
            url: request.url.clone(),
            headers: request.headers.clone(),
            body: request.body.clone(),
        });
        let step = self.steps.borrow_mut().pop_front().unwrap_or_else(|| {
            panic!(
                "no step scripted for {} {}",
                request.method.as_str(),
                request.url
            )
        });
        let timeout = u64::from(timeout_ms);
        let (after_ms, outcome) = match step {
            Step::Answer {
                after_ms,
                status,
                headers,
                body,
                from,
            } => (
                after_ms,
                Ok(HttpResponse {
                    status,
                    url: from.unwrap_or_else(|| request.url.clone()),
                    headers,
                    body,
                }),
            ),
            Step::Reset { after_ms } => (
                after_ms,
                Err(Error::network("TypeError: fetch failed (ECONNRESET)")),
            ),
            Step::Stall => (u64::MAX, Err(Error::Abort)),
        };
        if self.advance(after_ms.min(timeout)) {
            return Err(Error::Abort);
        }
        if after_ms > timeout {
            return Err(Error::Timeout { timeout_ms });
        }
        match outcome {
            Ok(answer) if answer.body.len() > limits.max_body_bytes as usize => {
                Err(Error::Decode {
                    status: answer.status,
                    message: "larger than maxBodyBytes".into(),
                })
            }
            other => other,
        }
    }

    async fn sleep(&self, ms: u64) -> Result<()> {
        self.waits.borrow_mut().push(ms);
        if self.aborted() || self.advance(ms) {
            return Err(Error::Abort);
        }
        Ok(())
    }

    fn now_ms(&self) -> u64 {
        self.now.get()
    }

    fn random(&self) -> f64 {
        self.jitter
    }
}

/// A waker nothing calls: the scripted runtime's futures are ready when first polled.
struct NeverWoken;

impl Wake for NeverWoken {
    fn wake(self: Arc<Self>) {}
}

/// Runs a future that never waits for real (the scripted runtime answers at once) to its end.
pub fn run<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let waker = Waker::from(Arc::new(NeverWoken));
    let mut context = Context::from_waker(&waker);
    for _ in 0..1_000 {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
    }
    panic!("the future waited on something the scripted runtime never wakes");
}

/// An answer with `status`, `headers` and `body`, at once.
pub fn answer(status: u16, headers: &[(&str, &str)], body: &str) -> Step {
    Step::Answer {
        after_ms: 0,
        status,
        headers: headers
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect(),
        body: body.to_owned(),
        from: None,
    }
}

/// A reset connection, at once.
pub fn reset() -> Step {
    Step::Reset { after_ms: 0 }
}

/// GitHub's example status, with the given id, state, description and creation time.
pub fn status(id: u64, state: &str, description: &str, created_at: &str) -> serde_json::Value {
    let mut value: serde_json::Value = serde_json::from_str(include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/get-deployment-status.200.json"
    )))
    .unwrap();
    value["id"] = id.into();
    value["url"] = format!("{STATUSES}/{id}").into();
    value["state"] = state.into();
    value["description"] = description.into();
    value["created_at"] = created_at.into();
    value["updated_at"] = created_at.into();
    value
}

/// A JSON array of `statuses` as body text.
pub fn list(statuses: &[serde_json::Value]) -> String {
    serde_json::Value::Array(statuses.to_vec()).to_string()
}

/// `START_MS` plus `offset_s` as an RFC 3339 UTC time.
pub fn at(offset_s: i64) -> String {
    let secs = (START_MS / 1000) as i64 + offset_s;
    let days = secs.div_euclid(86_400);
    let rest = secs.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (proleptic Gregorian).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// `START_MS` plus `offset_s` as an HTTP-date (`Date` header); the weekday is not read.
pub fn http_date(offset_s: i64) -> String {
    let iso = at(offset_s);
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ][iso[5..7].parse::<usize>().unwrap() - 1];
    format!(
        "Mon, {} {month} {} {} GMT",
        &iso[8..10],
        &iso[0..4],
        &iso[11..19]
    )
}

/// A client with a token and the default settings.
pub fn client() -> Client {
    Client::builder().auth("ghp_scripted").build().unwrap()
}

/// GitHub's example status as a body: id 1, a minute old.
pub fn one_status() -> String {
    status(1, "success", "done", &at(-60)).to_string()
}

/// Gets status 1 of deployment 42 through `runtime`; the answer's HTTP status.
pub fn get_one(runtime: &Scripted, client: &Client) -> Result<u16> {
    let request = client
        .deployment_statuses("octo-org", "hello-world", 42)
        .get(1)
        .request()?;
    run(engine::get::<_, Checked>(
        runtime,
        client,
        &request,
        Schema::Status,
    ))
    .map(|(answer, _)| answer.status)
}
