//! The only code that calls fetch: one attempt, bounded by a timeout and the caller's signal.

use crate::error::{Error, Result};
use crate::request::HttpRequest;
use crate::response::HttpResponse;
use crate::response::Text;
use crate::schema;
use js_sys::{JsString, Object, Uint8Array};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal, RequestInit};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &js_sys::Function, ms: i32) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

thread_local! {
    static IN_BROWSER: bool = {
        let global = js_sys::global();
        let has = |name: &str| js_sys::Reflect::has(&global, &JsValue::from_str(name)).unwrap_or(false);
        has("document") || has("importScripts")
    };
}

/// Whether this is a browser page or web worker, where fetch sends the browser's own User-Agent.
pub(crate) fn in_browser() -> bool {
    IN_BROWSER.with(|browser| *browser)
}

/// Milliseconds since the Unix epoch.
pub(crate) fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// A number in [0, 1) for backoff jitter.
pub(crate) fn random() -> f64 {
    js_sys::Math::random()
}

/// Waits `ms` milliseconds; the caller's signal ends the wait at once with `Error::Abort`.
pub(crate) async fn sleep(ms: u64, signal: Option<&AbortSignal>) -> Result<()> {
    if signal.is_some_and(AbortSignal::aborted) {
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

/// Sends one attempt of `request`; the response body is read before the timeout too.
pub(crate) async fn send(
    request: &HttpRequest,
    timeout_ms: u32,
    signal: Option<&AbortSignal>,
) -> Result<HttpResponse<Body>> {
    if signal.is_some_and(AbortSignal::aborted) {
        return Err(Error::Abort);
    }
    // One controller per attempt, aborted by a timer or by the caller's signal through
    // `controller.abort` bound in JS: no Rust closure, and the timer and the listener are removed
    // as soon as the attempt ends (`AbortSignal.timeout` would hold its timer for `timeout_ms`,
    // `AbortSignal.any` would stay attached to a long-lived caller's signal).
    let guard = Guard::new(timeout_ms, signal).map_err(|e| network(&e))?;
    let result = fetch(request, &guard.controller.signal()).await;
    let timed_out =
        guard.controller.signal().aborted() && !signal.is_some_and(AbortSignal::aborted);
    drop(guard);
    result.map_err(|error| {
        if signal.is_some_and(AbortSignal::aborted) {
            Error::Abort
        } else if timed_out {
            Error::Timeout { timeout_ms }
        } else {
            error
        }
    })
}

/// A response body: the text for JS, and the bytes it was decoded from for the schema check.
#[derive(Debug, Clone)]
pub(crate) struct Body {
    /// The text, as JS holds it.
    pub text: JsString,
    /// The UTF-8 bytes, when the body came from the network.
    pub bytes: Option<Uint8Array>,
    /// The answer's headers as a plain JS object, while they are exactly the answer's.
    pub headers: Option<Object>,
}

impl Body {
    /// A body made in wasm (e.g. a status found by a check).
    pub fn from_text(text: JsString) -> Body {
        Body {
            text,
            bytes: None,
            headers: None,
        }
    }

    /// The UTF-8 bytes, copied into wasm memory in one `memcpy`.
    pub fn to_vec(&self) -> Vec<u8> {
        match &self.bytes {
            Some(bytes) => bytes.to_vec(),
            None => String::from(&self.text).into_bytes(),
        }
    }
}

impl Text for Body {
    fn contains_text(&self, needle: &str) -> bool {
        self.text.includes(needle, 0)
    }

    fn to_text(&self) -> String {
        String::from(&self.text)
    }
}

#[wasm_bindgen]
extern "C" {
    /// `TextDecoder`, bound so that `decode` hands back a JS string (web-sys's copies it into wasm).
    #[wasm_bindgen(js_name = TextDecoder)]
    type Utf8Decoder;
    #[wasm_bindgen(constructor, js_class = TextDecoder)]
    fn new() -> Utf8Decoder;
    #[wasm_bindgen(method, catch, js_class = TextDecoder)]
    fn decode(this: &Utf8Decoder, bytes: &Uint8Array) -> std::result::Result<JsString, JsValue>;
}

thread_local! {
    static DECODER: Utf8Decoder = Utf8Decoder::new();
}

async fn fetch(request: &HttpRequest, signal: &AbortSignal) -> Result<HttpResponse<Body>> {
    // GitHub answers GETs with `Cache-Control: max-age=60`: a browser would serve stale lists
    // from its HTTP cache. Workers refuse the `cache` field, so only browsers get it.
    // The parse error's text would quote the init, token included: it is not passed on.
    let init: RequestInit = js_sys::JSON::parse(&request.fetch_init(in_browser()))
        .map_err(|_| Error::Network {
            message: "could not build the request".to_owned(),
        })?
        .unchecked_into();
    init.set_signal(Some(signal));
    let raw =
        web_sys::Request::new_with_str_and_init(&request.url, &init).map_err(|e| network(&e))?;
    let response = gloo_net::http::Request::from(raw)
        .send()
        .await
        .map_err(|e| Error::Network {
            message: match e {
                gloo_net::Error::JsError(js) => {
                    [js.name.as_str(), ": ", js.message.as_str()].concat()
                }
                gloo_net::Error::GlooError(text) => text,
            },
        })?;
    // Headers cross once, as the JSON text of the plain object the JS result carries anyway.
    let headers_object =
        Object::from_entries(&response.headers().into_raw()).map_err(|e| network(&e))?;
    let headers = js_sys::JSON::stringify(&headers_object)
        .ok()
        .and_then(|json| schema::string_map(&String::from(json)))
        .unwrap_or_default();
    let status = response.status();
    let raw = web_sys::Response::from(response);
    let url = raw.url();
    let buffer = raw.array_buffer().map_err(|e| network(&e))?;
    let bytes = Uint8Array::new(&JsFuture::from(buffer).await.map_err(|e| network(&e))?);
    let text = DECODER
        .with(|decoder| decoder.decode(&bytes))
        .map_err(|e| network(&e))?;
    let body = Body {
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

fn network(error: &JsValue) -> Error {
    Error::Network {
        message: error
            .dyn_ref::<js_sys::Error>()
            .map_or_else(|| "fetch failed".to_owned(), |e| String::from(e.message())),
    }
}

/// An attempt's controller, aborted after the timeout or with the caller's signal; dropping it
/// clears the timer and leaves the caller's signal.
struct Guard {
    controller: AbortController,
    timer: JsValue,
    caller: Option<AbortSignal>,
    /// `controller.abort` bound to the controller, with no reason.
    abort: js_sys::Function,
}

impl Guard {
    fn new(timeout_ms: u32, caller: Option<&AbortSignal>) -> std::result::Result<Guard, JsValue> {
        let controller = AbortController::new()?;
        let abort = js_sys::Reflect::get(&controller, &JsValue::from_str("abort"))?
            .dyn_into::<js_sys::Function>()?
            // `abort(undefined, event)`: the reason stays the standard AbortError (gloo-net's
            // error conversion traps on a rejection that is not an Error, such as an Event).
            .bind1(&controller, &JsValue::UNDEFINED)
            .unchecked_into::<js_sys::Function>();
        if let Some(caller) = caller {
            caller.add_event_listener_with_callback("abort", &abort)?;
        }
        let timer = set_timeout(&abort, i32::try_from(timeout_ms).unwrap_or(i32::MAX));
        Ok(Guard {
            controller,
            timer,
            caller: caller.cloned(),
            abort,
        })
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        clear_timeout(&self.timer);
        if let Some(caller) = &self.caller {
            let _ = caller.remove_event_listener_with_callback("abort", &self.abort);
        }
    }
}
