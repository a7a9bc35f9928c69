//! The JS façade: the `Client` class, JS objects in and out.

use crate::client::Client;
use crate::create;
use crate::error::{Error, Result};
use crate::json::{self, Json, Kind};
use crate::pages::{self, Pages};
use crate::pagination::Progress;
use crate::params;
use crate::request::{self, HttpRequest};
use crate::response::RateLimit;
use crate::schema::Schema;
use crate::send::{self, Answer, JsData};
use crate::transport;
use js_sys::{Object, Promise, Reflect};
use std::borrow::Cow;
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::future_to_promise;
use web_sys::AbortSignal;

/// A client for GitHub's deployment statuses API.
#[wasm_bindgen(js_name = Client)]
pub struct JsClient {
    inner: Rc<Client>,
}

#[wasm_bindgen(js_class = Client)]
impl JsClient {
    /// Creates a client; throws `ValidationError` for a bad option.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<JsClient, JsValue> {
        let client = params::client(&options)?.build()?;
        Ok(JsClient {
            inner: Rc::new(client),
        })
    }

    /// Creates a deployment status exactly once (`POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses`).
    #[wasm_bindgen(js_name = createDeploymentStatus)]
    pub fn create_deployment_status(&self, params: JsValue, options: JsValue) -> Promise {
        let client = Rc::clone(&self.inner);
        spawn(async move {
            let options = CallOptions::read(&options, &["signal"])?;
            let (path, status) = params::create(&params)?;
            let (answer, data) =
                create::create::<JsData>(&client, &path, &status, options.signal.as_ref()).await?;
            Ok(response_object(&answer, data))
        })
    }

    /// Lists a deployment's statuses, newest first (`GET .../statuses?per_page=&page=`).
    #[wasm_bindgen(js_name = listDeploymentStatuses)]
    pub fn list_deployment_statuses(&self, params: JsValue, options: JsValue) -> Promise {
        self.get(params, options, Schema::StatusList, |client, params| {
            let (path, per_page, page) = params::list(params)?;
            request::list(client, &path, per_page, page)
        })
    }

    /// Gets one deployment status (`GET .../statuses/{status_id}`).
    #[wasm_bindgen(js_name = getDeploymentStatus)]
    pub fn get_deployment_status(&self, params: JsValue, options: JsValue) -> Promise {
        self.get(params, options, Schema::Status, |client, params| {
            let (path, status_id) = params::get(params)?;
            request::get_one(client, &path, status_id)
        })
    }

    /// Every status of a deployment, newest first, following `Link: rel="next"`.
    pub fn paginate(&self, params: JsValue, options: JsValue) -> Promise {
        let client = Rc::clone(&self.inner);
        spawn(async move {
            let options = CallOptions::read(&options, &["signal", "maxPages", "onPage"])?;
            let mut pages = pages(&client, &params, options.signal)?;
            if let Some(max) = options.max_pages {
                pages = pages.max_pages(max);
            }
            // The pages, flattened once at the end: concatenating per page would copy O(n²).
            let all = js_sys::Array::new();
            while let Some((_, data)) = pages.next_page().await? {
                // A copy: what `onPage` does to its page does not change the result.
                if let Some(items) = json::as_array(&data) {
                    all.push(&items.slice(0, items.length()));
                }
                if let Some(on_page) = &options.on_page {
                    on_page.call1(&JsValue::NULL, &progress_object(pages.progress(), &data))?;
                }
            }
            Ok(all.flat(1).into())
        })
    }

    /// The pages of a deployment's statuses as an async iterable, fetched only as they are asked for.
    pub fn iterate(&self, params: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        let options = CallOptions::read(&options, &["signal"])?;
        let pages = pages(&self.inner, &params, options.signal)?;
        let iterator = JsValue::from(PageIterator {
            state: Rc::new(RefCell::new(IteratorState::Ready(Box::new(pages)))),
        });
        // `[Symbol.asyncIterator]() { return this }` without eval (CSP and Workers forbid it):
        // `Object(iterator)` returns the iterator itself.
        let identity = Object::new().constructor().bind1(&JsValue::NULL, &iterator);
        define(&iterator, &js_sys::Symbol::async_iterator(), &identity);
        Ok(iterator)
    }

    /// Polls a deployment's newest statuses with ETags and calls `onChange` when they change.
    pub fn watch(&self, params: JsValue, options: JsValue) -> Promise {
        let client = Rc::clone(&self.inner);
        spawn(async move {
            let options = CallOptions::read(&options, &["signal", "intervalMs", "onChange"])?;
            let on_change = options
                .on_change
                .ok_or_else(|| Error::invalid("onChange", "is required"))?;
            let (path, _, _) = params::list(&params)?;
            let request = request::list(&client, &path, Some(100), None)?;
            let signal = match options.signal {
                Some(signal) => signal,
                None => transport::unaborted_signal(),
            };
            let interval = options.interval_ms.unwrap_or(DEFAULT_WATCH_INTERVAL_MS);
            let mut thrown = None;
            let watched =
                pages::watch::<JsData>(&client, &request, interval, &signal, |answer, data| {
                    on_change
                        .call1(&JsValue::NULL, &response_object(answer, data))
                        .map(drop)
                        .map_err(|error| {
                            thrown = Some(error);
                            Error::Abort
                        })
                })
                .await;
            match (watched, thrown) {
                (_, Some(error)) => Err(error),
                (Err(error), None) => Err(error.into()),
                (Ok(()), None) => Ok(JsValue::UNDEFINED),
            }
        })
    }
}

/// Runs `work` as a Promise. Boxed, so wasm holds one copy of the task machinery, not one per call.
fn spawn(work: impl Future<Output = Result<JsValue, JsValue>> + 'static) -> Promise {
    let boxed: Pin<Box<dyn Future<Output = Result<JsValue, JsValue>>>> = Box::pin(work);
    future_to_promise(boxed)
}

/// How often `watch` polls unless told otherwise.
const DEFAULT_WATCH_INTERVAL_MS: u64 = 10_000;

impl JsClient {
    /// Validates, sends a GET, checks the body against `schema`, and resolves to the response object.
    fn get(
        &self,
        params: JsValue,
        options: JsValue,
        schema: Schema,
        // A function pointer, not a closure type: one copy of the task for both GETs.
        build: fn(&Client, &JsValue) -> Result<HttpRequest>,
    ) -> Promise {
        let client = Rc::clone(&self.inner);
        spawn(async move {
            let options = CallOptions::read(&options, &["signal"])?;
            let request = build(&client, &params)?;
            let (answer, data) =
                send::get::<JsData>(&client, &request, schema, options.signal.as_ref()).await?;
            Ok(response_object(&answer, data))
        })
    }
}

/// The validated pages of a listing described by JS params.
fn pages(client: &Client, params: &JsValue, signal: Option<AbortSignal>) -> Result<Pages<JsData>> {
    let (path, per_page, page) = params::list(params)?;
    let first = request::list(client, &path, per_page, page)?;
    Ok(Pages::new(client, first, signal))
}

/// `{ page, totalPages, items, data }` for `onPage`.
fn progress_object(progress: Progress, data: &JsValue) -> JsValue {
    let report = Object::new();
    set(&report, "page", &JsValue::from(progress.pages));
    set(
        &report,
        "totalPages",
        &progress.total_pages.map_or(JsValue::NULL, JsValue::from),
    );
    set(&report, "items", &JsValue::from(progress.items as f64));
    set(&report, "data", data);
    report.into()
}

/// An async iterator over pages; also `AsyncIterable` (its `Symbol.asyncIterator` returns itself).
#[wasm_bindgen]
pub struct PageIterator {
    state: Rc<RefCell<IteratorState>>,
}

enum IteratorState {
    Ready(Box<Pages<JsData>>),
    Busy,
    Done,
}

#[wasm_bindgen]
impl PageIterator {
    /// The next page as `{ value, done }`.
    pub fn next(&self) -> Promise {
        let state = Rc::clone(&self.state);
        spawn(async move {
            let current = std::mem::replace(&mut *state.borrow_mut(), IteratorState::Busy);
            let mut pages = match current {
                IteratorState::Ready(pages) => pages,
                IteratorState::Busy => {
                    let error =
                        Error::invalid("next", "was called before the previous page arrived");
                    return Err(error.into());
                }
                IteratorState::Done => {
                    *state.borrow_mut() = IteratorState::Done;
                    return Ok(iterator_result(JsValue::UNDEFINED, true));
                }
            };
            let (next_state, result) = match pages.next_page().await {
                Ok(Some((answer, data))) => (
                    IteratorState::Ready(pages),
                    Ok(iterator_result(response_object(&answer, data), false)),
                ),
                Ok(None) => (
                    IteratorState::Done,
                    Ok(iterator_result(JsValue::UNDEFINED, true)),
                ),
                Err(error) => (IteratorState::Done, Err(error.into())),
            };
            // `return()` during the fetch wins: the iteration stays stopped.
            let mut slot = state.borrow_mut();
            if !matches!(*slot, IteratorState::Done) {
                *slot = next_state;
            }
            result
        })
    }

    /// Stops the iteration (what `break` in `for await` calls): no further requests.
    #[wasm_bindgen(js_name = "return")]
    pub fn stop(&self) -> Promise {
        *self.state.borrow_mut() = IteratorState::Done;
        Promise::resolve(&iterator_result(JsValue::UNDEFINED, true))
    }
}

fn iterator_result(value: JsValue, done: bool) -> JsValue {
    let result = Object::new();
    set(&result, "value", &value);
    set(&result, "done", &JsValue::from(done));
    result.into()
}

/// The second argument of a call, holding only the keys that call takes.
#[derive(Default)]
struct CallOptions {
    signal: Option<AbortSignal>,
    max_pages: Option<u32>,
    on_page: Option<js_sys::Function>,
    interval_ms: Option<u64>,
    on_change: Option<js_sys::Function>,
}

impl CallOptions {
    fn read(options: &JsValue, allowed: &[&str]) -> Result<CallOptions> {
        let mut read = CallOptions::default();
        if options.is_undefined() || options.is_null() {
            return Ok(read);
        }
        if options.kind() != Kind::Object {
            return Err(Error::invalid("options", "must be an object"));
        }
        for name in options.keys() {
            let Some(value) = options.field(&name) else {
                continue;
            };
            if value.is_null() {
                continue;
            }
            if !allowed.contains(&name.as_str()) {
                return Err(Error::Validation {
                    field: Cow::Owned(name),
                    message: Cow::Borrowed("is not an option of this call"),
                });
            }
            match name.as_str() {
                "signal" => {
                    let signal = value
                        .dyn_into::<AbortSignal>()
                        .map_err(|_| Error::invalid("signal", "must be an AbortSignal"))?;
                    read.signal = Some(signal);
                }
                "maxPages" => {
                    let max = positive_integer(&value, u64::from(u32::MAX))
                        .and_then(|n| u32::try_from(n).ok())
                        .ok_or_else(|| Error::invalid("maxPages", "must be a positive integer"))?;
                    read.max_pages = Some(max);
                }
                "intervalMs" => {
                    let ms = positive_integer(&value, i32::MAX as u64).ok_or_else(|| {
                        Error::invalid("intervalMs", "must be an integer from 1 to 2147483647")
                    })?;
                    read.interval_ms = Some(ms);
                }
                "onPage" => read.on_page = Some(function(value, "onPage")?),
                _ => read.on_change = Some(function(value, "onChange")?),
            }
        }
        Ok(read)
    }
}

fn positive_integer(value: &JsValue, max: u64) -> Option<u64> {
    value
        .as_f64()
        .filter(|n| n.fract() == 0.0 && *n >= 1.0 && *n <= max as f64)
        .map(|n| n as u64)
}

fn function(value: JsValue, field: &'static str) -> Result<js_sys::Function> {
    value
        .dyn_into::<js_sys::Function>()
        .map_err(|_| Error::invalid(field, "must be a function"))
}

/// `{ status, url, headers, data, rateLimit }`, the shape every call resolves to.
fn response_object(response: &Answer, data: JsValue) -> JsValue {
    let obj = Object::new();
    set(&obj, "status", &JsValue::from(response.status));
    set(&obj, "url", &JsValue::from_str(&response.url));
    // The object transport made from fetch's headers, unless a 304 merged in cached ones.
    let headers = response
        .body
        .headers
        .as_ref()
        .map_or_else(|| headers_object(&response.headers), JsValue::from);
    set(&obj, "headers", &headers);
    set(&obj, "data", &data);
    set(
        &obj,
        "rateLimit",
        &rate_limit_object(RateLimit::from_headers(&response.headers).as_ref()),
    );
    obj.into()
}

/// Sets `obj[key] = value` on an object this crate made.
pub(crate) fn set(obj: &JsValue, key: &str, value: &JsValue) {
    define(obj, &json::key(key), value);
}

#[wasm_bindgen]
extern "C" {
    /// `Reflect.set` without wasm-bindgen's `catch` wrapper (a closure and an `arguments` object
    /// per call, 10 calls per result): setting a property of a fresh plain object cannot throw.
    #[wasm_bindgen(js_namespace = Reflect, js_name = set)]
    fn define(target: &JsValue, key: &JsValue, value: &JsValue) -> bool;
}

/// Headers as a plain object with lower-case names; repeated headers are joined with `, `.
pub(crate) fn headers_object(headers: &[(String, String)]) -> JsValue {
    let obj = Object::new();
    for (name, value) in headers {
        let key = JsValue::from_str(name);
        let joined = match Reflect::get(&obj, &key).ok().and_then(|v| v.as_string()) {
            Some(previous) => crate::request::concat(&[previous.as_str(), ", ", value]),
            None => value.clone(),
        };
        define(&obj, &key, &JsValue::from_str(&joined));
    }
    obj.into()
}

/// `{ limit, remaining, used, reset, resource }`, or `null` when GitHub sent no rate-limit headers.
pub(crate) fn rate_limit_object(rate_limit: Option<&RateLimit>) -> JsValue {
    let Some(r) = rate_limit else {
        return JsValue::NULL;
    };
    let obj = Object::new();
    // Rate-limit figures are far below 2^53, so the f64 conversion is exact.
    set(&obj, "limit", &JsValue::from(r.limit as f64));
    set(&obj, "remaining", &JsValue::from(r.remaining as f64));
    set(&obj, "used", &JsValue::from(r.used as f64));
    set(&obj, "reset", &JsValue::from(r.reset as f64));
    set(
        &obj,
        "resource",
        &r.resource
            .as_deref()
            .map_or(JsValue::NULL, JsValue::from_str),
    );
    obj.into()
}

/// The body as JS: parsed JSON, the text itself when it is not JSON, `null` when empty.
pub(crate) fn parse_json_or_text(body: &str) -> JsValue {
    if body.is_empty() {
        return JsValue::NULL;
    }
    json::parse(body).unwrap_or_else(|| JsValue::from_str(body))
}
