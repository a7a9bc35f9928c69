//! The JS runtime of the engine: fetch through gloo-net, timers, `AbortSignal`, `Date`, `Math.random`.

use super::json;
use crate::core::body::Body;
use crate::core::engine::{Answer, Deadline, Limits, Runtime};
use crate::core::error::{Cause, Error, Result};
use crate::core::json::Json;
use crate::core::request::HttpRequest;
use crate::core::response::{HttpResponse, Text, ENGINE_HEADERS};
use crate::core::text::split_byte;
use js_sys::{JsString, Object, Uint8Array};
use std::cell::RefCell;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, RequestInit};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &js_sys::Function, ms: i32) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

/// The kind of JS host, told by its globals.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Host {
    /// A page or a web worker.
    Browser,
    /// Node (and runtimes that pass for it), not Workers with Node compatibility.
    Node,
    /// Cloudflare Workers and anything else.
    Other,
}

thread_local! {
    static HOST: Host = {
        let global = js_sys::global();
        let has = |name: &str| js_sys::Reflect::has(&global, &JsValue::from_str(name)).unwrap_or(false);
        if has("document") || has("importScripts") {
            Host::Browser
        } else if has("process") && !has("WebSocketPair") {
            Host::Node
        } else {
            Host::Other
        }
    };
}

fn host() -> Host {
    HOST.with(|host| *host)
}

/// Whether this is a browser page or web worker, where fetch sends the browser's own User-Agent.
fn in_browser() -> bool {
    host() == Host::Browser
}

/// The engine's runtime in JS: the caller's signal, if any, cancels its requests and waits.
#[derive(Debug, Clone, Default)]
pub struct JsRuntime {
    signal: Option<AbortSignal>,
    deadline: Option<Deadline>,
}

impl JsRuntime {
    /// A runtime whose requests and waits `signal` cancels (`None`: only timeouts end them).
    pub fn new(signal: Option<AbortSignal>) -> JsRuntime {
        JsRuntime {
            signal,
            deadline: None,
        }
    }

    /// The same runtime, whose whole call must end within `timeout_ms` from now.
    pub fn within(mut self, timeout_ms: u64) -> JsRuntime {
        self.deadline = Some(Deadline::after(self.now_ms(), timeout_ms));
        self
    }

    /// The caller's signal, if any.
    pub fn signal(&self) -> Option<&AbortSignal> {
        self.signal.as_ref()
    }
}

impl Runtime for JsRuntime {
    type Body = JsBody;

    /// One controller per attempt at a time, aborted by a timer or by the caller's signal through
    /// `controller.abort` bound in JS: no Rust closure, and the timer and the listener are removed
    /// as soon as the attempt ends (`AbortSignal.timeout` would hold its timer for `timeout_ms`,
    /// `AbortSignal.any` would stay attached to a long-lived caller's signal). A controller that
    /// did not fire serves later attempts (see `Pooled`).
    async fn send(&self, request: &HttpRequest, limits: Limits) -> Result<Answer<Self>> {
        let timeout_ms = limits.timeout_ms;
        let signal = self.signal.as_ref();
        if signal.is_some_and(cancelled) {
            return Err(Error::Abort);
        }
        let guard = Guard::new(timeout_ms, signal).map_err(network)?;
        let result = fetch(request, &guard, limits.max_body_bytes).await;
        let fired = guard.signal.aborted();
        drop(guard);
        // The caller's signal is read only for a failed attempt, once: its abort wins over the
        // timer that fired the attempt's own controller.
        result.map_err(|error| match error {
            // The body outgrew the bound: the attempt's own abort dropped the connection.
            Error::Decode { .. } => error,
            _ if signal.is_some_and(cancelled) => Error::Abort,
            _ if fired => Error::Timeout { timeout_ms },
            _ => error,
        })
    }

    async fn sleep(&self, ms: u64) -> Result<()> {
        let signal = self.signal.as_ref();
        if signal.is_some_and(cancelled) {
            return Err(Error::Abort);
        }
        let mut armed = None;
        let promise = js_sys::Promise::new(&mut |resolve, reject| {
            let id = set_timeout(&resolve, i32::try_from(ms).unwrap_or(i32::MAX));
            if let Some(signal) = signal {
                let _ = signal.add_event_listener_with_callback("abort", &reject);
            }
            armed = Some((id, reject));
        });
        let waited = JsFuture::from(promise).await;
        if let Some((id, reject)) = armed {
            clear_timeout(&id);
            if let Some(signal) = signal {
                let _ = signal.remove_event_listener_with_callback("abort", &reject);
            }
        }
        waited.map(drop).map_err(|_| Error::Abort)
    }

    fn now_ms(&self) -> u64 {
        js_sys::Date::now() as u64
    }

    fn random(&self) -> f64 {
        js_sys::Math::random()
    }

    fn deadline(&self) -> Option<Deadline> {
        self.deadline
    }
}

/// `signal.aborted`, caught: a caller's object can pass for an `AbortSignal` and still throw.
fn try_aborted(signal: &AbortSignal) -> Option<bool> {
    js_sys::Reflect::get(signal, &json::key("aborted"))
        .ok()
        .and_then(|value| value.as_bool())
}

/// Whether the caller's `signal` has fired; one that cannot even be read counts as fired, so the
/// call settles (as an abort) instead of throwing through the runtime.
pub(super) fn cancelled(signal: &AbortSignal) -> bool {
    try_aborted(signal).unwrap_or(true)
}

/// Whether `signal` reads as a real `AbortSignal` does.
pub(super) fn readable(signal: &AbortSignal) -> bool {
    try_aborted(signal).is_some()
}

/// A response body: the text for JS, and the bytes it was decoded from for the schema check.
#[derive(Debug, Clone)]
pub struct JsBody {
    /// The text, as JS holds it.
    pub text: JsString,
    /// The UTF-8 bytes, when the body came from the network.
    pub bytes: Option<Uint8Array>,
    /// The answer's headers as a plain JS object (every one; the engine reads its own from
    /// `HttpResponse::headers`), a 304's merged over the cached answer's.
    pub headers: Option<Object>,
}

impl Body for JsBody {
    type Json = JsValue;

    /// The UTF-8 bytes, copied into wasm memory in one `memcpy`.
    fn to_bytes(&self) -> Vec<u8> {
        match &self.bytes {
            Some(bytes) => bytes.to_vec(),
            None => String::from(&self.text).into_bytes(),
        }
    }

    fn parse(&self) -> Option<JsValue> {
        json::parse_text(&self.text)
    }

    /// A body made in wasm (a status found by a check), with `answer`'s headers object.
    fn from_json(value: &JsValue, answer: &JsBody) -> JsBody {
        JsBody {
            // Rare (a status found by the create check): through Rust, with the one caught
            // `JSON.stringify` binding.
            text: JsString::from(value.to_text().unwrap_or_default()),
            bytes: None,
            headers: answer.headers.clone(),
        }
    }

    fn same_text(&self, other: &JsBody) -> bool {
        self.text == other.text
    }

    fn empty() -> JsBody {
        JsBody {
            text: JsString::from(""),
            bytes: None,
            headers: None,
        }
    }

    /// The headers object read whole, once an answer becomes an error.
    fn all_headers(&self) -> Option<Vec<(String, String)>> {
        let headers = self.headers.as_ref()?;
        let names = Json::keys(AsRef::<JsValue>::as_ref(headers));
        Some(read_headers(headers, &mut names.iter().map(String::as_str)))
    }

    fn refreshed(mut self, fresh: &JsBody) -> JsBody {
        if let (Some(cached), Some(fresh)) = (&self.headers, &fresh.headers) {
            self.headers = Some(merged(&Object::new(), cached, fresh));
        }
        self
    }
}

impl Text for JsBody {
    fn contains_text(&self, needle: &str) -> bool {
        self.text.includes(needle, 0)
    }

    fn to_text(&self) -> String {
        String::from(&self.text)
    }
}

// Calls that cannot throw, bound without wasm-bindgen's `catch` wrapper, which costs a closure and
// an `arguments` object per call on the path every request takes.
#[wasm_bindgen]
extern "C" {
    /// `TextDecoder`, bound so that `decode` hands back a JS string (web-sys's copies it into wasm).
    #[wasm_bindgen(js_name = TextDecoder)]
    type Utf8Decoder;
    #[wasm_bindgen(constructor, js_class = TextDecoder)]
    fn new() -> Utf8Decoder;
    /// A non-fatal decoder replaces bad bytes instead of throwing.
    #[wasm_bindgen(method, js_class = TextDecoder)]
    fn decode(this: &Utf8Decoder, bytes: &Uint8Array) -> JsString;
    /// `AbortController`, with the method itself readable (to bind it without a Rust closure).
    #[wasm_bindgen(js_name = AbortController)]
    type Controller;
    #[wasm_bindgen(constructor, js_class = AbortController)]
    fn new() -> Controller;
    #[wasm_bindgen(method, getter, js_class = AbortController)]
    fn signal(this: &Controller) -> AbortSignal;
    /// `controller.abort`, the method itself.
    #[wasm_bindgen(method, getter, js_class = AbortController, js_name = abort)]
    fn abort_method(this: &Controller) -> js_sys::Function;
    /// `Object.fromEntries` of fetch's `Headers`, whose iterator yields string pairs.
    #[wasm_bindgen(js_namespace = Object, js_name = fromEntries)]
    fn object_from_entries(entries: &JsValue) -> Object;
    /// `Object.assign(target, cached, fresh)` of plain objects of strings, which cannot throw.
    #[wasm_bindgen(js_namespace = Object, js_name = assign)]
    fn merged(target: &Object, cached: &Object, fresh: &Object) -> Object;
    /// `Reflect.get` of a plain object of strings, which cannot throw.
    #[wasm_bindgen(js_namespace = Reflect, js_name = get)]
    fn read_header(headers: &Object, name: &JsValue) -> JsValue;
}

thread_local! {
    static DECODER: Utf8Decoder = Utf8Decoder::new();
}

/// The headers called `names` out of the plain object of fetch's headers, one read each.
fn read_headers(headers: &Object, names: &mut dyn Iterator<Item = &str>) -> Vec<(String, String)> {
    let read = |name: &str| {
        let value = read_header(headers, &json::key(name)).as_string()?;
        Some((name.to_owned(), value))
    };
    names.filter_map(read).collect()
}

/// One `fetch`, called here rather than through gloo-net's `Request::send`, which drops the value
/// fetch rejects with (the runtime's error, its code and cause), hands fetch a `Request` object
/// (Node 20 loses the link from its signal to the body once that object is collected), and links
/// wasm-bindgen's debug formatting through its panic. The answer is read through gloo-net.
async fn fetch(
    request: &HttpRequest,
    guard: &Guard,
    max_body_bytes: u32,
) -> Result<HttpResponse<JsBody>> {
    // GitHub answers GETs with `Cache-Control: max-age=60`: a browser would serve stale lists
    // from its HTTP cache. Workers refuse the `cache` field, so only browsers get it.
    // The parse error's text would quote the init, token included: it is not passed on.
    let init: RequestInit = json::parse_text(&JsString::from(request.fetch_init(in_browser())))
        .ok_or_else(|| Error::network("could not build the request"))?
        .unchecked_into();
    init.set_signal(Some(&guard.signal));
    let raw = JsFuture::from(fetch_url(&request.url, &init))
        .await
        .map_err(network)?;
    let response = gloo_net::http::Response::from(raw.unchecked_into::<web_sys::Response>());
    // The plain object the JS result carries, untouched; only the headers the engine reads
    // cross into wasm, one property each (an error reads the rest: `all_headers`).
    let headers_object = object_from_entries(&response.headers().into_raw());
    let headers = read_headers(&headers_object, &mut split_byte(ENGINE_HEADERS, b','));
    let status = response.status();
    let raw = web_sys::Response::from(response);
    let url = raw.url();
    let too_large = || {
        guard.abort();
        let mut message = "the body is over maxBodyBytes (".to_owned();
        crate::core::text::push_number(&mut message, u64::from(max_body_bytes));
        message.push(')');
        Error::Decode { status, message }
    };
    let bytes = read_body(&raw, &headers, max_body_bytes)
        .await?
        .ok_or_else(too_large)?;
    let text = DECODER.with(|decoder| decoder.decode(&bytes));
    let body = JsBody {
        text,
        bytes: Some(bytes),
        headers: Some(headers_object),
    };
    Ok(HttpResponse {
        status,
        url,
        headers,
        body,
    })
}

/// The body's bytes, or `None` once they pass `max` (reading stops there). A body whose
/// `Content-Length` fits and that is not compressed is read whole; any other is read chunk by
/// chunk, so neither a lying length nor an endless or decompressing stream is held past `max`.
async fn read_body(
    response: &web_sys::Response,
    headers: &[(String, String)],
    max: u32,
) -> Result<Option<Uint8Array>> {
    let header = |name: &str| crate::core::response::header(headers, name);
    let length = crate::core::response::header_number(headers, "content-length");
    if length.is_some_and(|n| n > u64::from(max)) {
        return Ok(None);
    }
    let plain =
        header("content-encoding").is_none_or(|e| e.trim_ascii().eq_ignore_ascii_case("identity"));
    // `response.body`, `null` for a body-less answer, and absent where a runtime has no streams;
    // read only when the length cannot be trusted (one crossing less on the usual answer).
    let streamed = length.is_none() || !plain;
    let stream = streamed
        .then(|| js_sys::Reflect::get(response, &json::key("body")).ok())
        .flatten()
        .filter(|body| body.is_object())
        .map(JsCast::unchecked_into::<BodyStream>);
    let Some(stream) = stream else {
        let buffer = response.array_buffer().map_err(network)?;
        let bytes = Uint8Array::new(&JsFuture::from(buffer).await.map_err(network)?);
        // Where a runtime has no body streams, the bound still holds, if only after reading.
        return Ok((bytes.length() <= max).then_some(bytes));
    };
    let reader = stream.get_reader().map_err(network)?;
    let mut chunks = Vec::new();
    let mut total: u32 = 0;
    loop {
        let step = JsFuture::from(reader.read()).await.map_err(network)?;
        if step.field("done").and_then(|d| d.boolean()) == Some(true) {
            break;
        }
        let Some(chunk) = step
            .field("value")
            .and_then(|v| v.dyn_into::<Uint8Array>().ok())
        else {
            return Err(Error::network("a body chunk that is not bytes"));
        };
        total = match total.checked_add(chunk.length()).filter(|t| *t <= max) {
            Some(total) => total,
            // The caller aborts the attempt, which ends the stream: no `cancel()`, whose promise
            // could reject with nobody to catch it.
            None => return Ok(None),
        };
        chunks.push(chunk);
    }
    let bytes = Uint8Array::new_with_length(total);
    let mut at = 0;
    for chunk in &chunks {
        bytes.set(chunk, at);
        at += chunk.length();
    }
    Ok(Some(bytes))
}

#[wasm_bindgen]
extern "C" {
    /// A response's body stream.
    type BodyStream;
    /// `stream.getReader()`, caught: a locked or consumed stream throws.
    #[wasm_bindgen(method, catch, js_name = getReader)]
    fn get_reader(this: &BodyStream) -> std::result::Result<BodyReader, JsValue>;
    /// A stream's reader.
    type BodyReader;
    /// `reader.read()`: a promise of `{ done, value }`.
    #[wasm_bindgen(method)]
    fn read(this: &BodyReader) -> js_sys::Promise;
}

#[wasm_bindgen]
extern "C" {
    /// The global `fetch`, which every runtime has (never `window.fetch`).
    #[wasm_bindgen(js_name = fetch)]
    fn fetch_url(url: &str, init: &RequestInit) -> js_sys::Promise;
}

/// `NetworkError` for what the runtime threw: its name and message, and the code and message of
/// its cause where it has one (Node: `fetch failed` caused by `ECONNREFUSED`,
/// `DEPTH_ZERO_SELF_SIGNED_CERT`, ...); the value itself is kept as the error's cause.
fn network(error: JsValue) -> Error {
    let text = |value: &JsValue, key: &str| value.field(key).and_then(|v| v.string());
    let mut message = match (text(&error, "name"), text(&error, "message")) {
        (Some(name), Some(said)) => crate::core::text::concat(&[&name, ": ", &said]),
        (None, Some(said)) => said,
        _ => "fetch failed".to_owned(),
    };
    // Node: `fetch failed` caused by an error with the code and what happened.
    if let Some(cause) = error.field("cause") {
        let code = text(&cause, "code");
        let detail = text(&cause, "message").unwrap_or_default();
        message.push_str(&crate::core::text::concat(&[
            " (",
            code.as_deref().unwrap_or_default(),
            if code.is_some() { ": " } else { "" },
            &detail,
            ")",
        ]));
    }
    Error::Network {
        message,
        cause: Some(Cause::new(error)),
    }
}

/// An attempt's controller, aborted after the timeout or with the caller's signal; dropping it
/// clears the timer and leaves the caller's signal.
struct Guard {
    /// Always `Some` until the guard is dropped.
    controller: Option<Pooled>,
    /// The controller's signal, which the attempt's fetch follows.
    signal: AbortSignal,
    timer: JsValue,
    caller: Option<AbortSignal>,
}

/// A controller, `controller.abort` bound to it with no reason, and the attempts it served.
struct Pooled {
    controller: Controller,
    abort: js_sys::Function,
    uses: u32,
}

/// Attempts one controller serves before it is replaced. Node's fetch adds a listener to the
/// signal of every request and removes it only when that request is garbage-collected: a bound
/// keeps those listeners far below Node's leak warning (1,500).
const USES_PER_CONTROLLER: u32 = 64;
/// Idle controllers kept for the next attempts (one per attempt in flight at once is enough).
const MAX_IDLE_CONTROLLERS: usize = 8;

thread_local! {
    /// Controllers whose last attempt ended without an abort, ready for the next attempt:
    /// creating an `AbortController` is the costliest step of an attempt in Node.
    static IDLE: RefCell<Vec<Pooled>> = const { RefCell::new(Vec::new()) };
}

impl Pooled {
    /// An idle controller, or a new one.
    fn take() -> Pooled {
        IDLE.with(|idle| idle.borrow_mut().pop())
            .unwrap_or_else(|| {
                let controller = Controller::new();
                let abort = controller
                    .abort_method()
                    // `abort(undefined, event)`: the reason stays the standard AbortError (gloo-net's
                    // error conversion traps on a rejection that is not an Error, such as an Event).
                    .bind1(&controller, &JsValue::UNDEFINED)
                    .unchecked_into::<js_sys::Function>();
                Pooled {
                    controller,
                    abort,
                    uses: 0,
                }
            })
    }

    /// Keeps the controller for a later attempt unless its signal `fired` or it served enough.
    fn give_back(mut self, fired: bool) {
        self.uses += 1;
        // Node only: Workers' I/O objects belong to the request that made them (another
        // request's fetch cannot follow them), and browsers make controllers cheaply.
        if host() != Host::Node || fired || self.uses >= USES_PER_CONTROLLER {
            return;
        }
        IDLE.with(|idle| {
            let mut idle = idle.borrow_mut();
            if idle.len() < MAX_IDLE_CONTROLLERS {
                idle.push(self);
            }
        });
    }
}

impl Guard {
    /// Ends the attempt now: the fetch and its body read reject, and the connection is dropped.
    fn abort(&self) {
        if let Some(pooled) = &self.controller {
            let _ = pooled.abort.call0(&JsValue::NULL);
        }
    }

    fn new(timeout_ms: u32, caller: Option<&AbortSignal>) -> std::result::Result<Guard, JsValue> {
        let controller = Pooled::take();
        let abort = &controller.abort;
        if let Some(caller) = caller {
            caller.add_event_listener_with_callback("abort", abort)?;
        }
        let timer = set_timeout(abort, i32::try_from(timeout_ms).unwrap_or(i32::MAX));
        Ok(Guard {
            signal: controller.controller.signal(),
            controller: Some(controller),
            timer,
            caller: caller.cloned(),
        })
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        clear_timeout(&self.timer);
        if let Some(controller) = self.controller.take() {
            if let Some(caller) = &self.caller {
                let _ = caller.remove_event_listener_with_callback("abort", &controller.abort);
            }
            controller.give_back(self.signal.aborted());
        }
    }
}
