//! The only code that calls fetch: one attempt, bounded by a timeout and the caller's signal.

use crate::error::{Error, Result};
use crate::request::{HttpRequest, Method};
use crate::response::HttpResponse;
use gloo_net::http::RequestBuilder;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{AbortController, AbortSignal, RequestCache};

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
    let waited = wasm_bindgen_futures::JsFuture::from(promise).await;
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
) -> Result<HttpResponse> {
    if signal.is_some_and(AbortSignal::aborted) {
        return Err(Error::Abort);
    }
    let controller = AbortController::new().map_err(|e| network(&e))?;
    let _forward = signal.map(|caller| Forward::new(caller, &controller));
    let timer = Timer::start(timeout_ms, &controller);
    let result = fetch(request, &controller.signal()).await;
    let timed_out = timer.fired();
    drop(timer);
    result.map_err(|e| {
        if signal.is_some_and(AbortSignal::aborted) {
            Error::Abort
        } else if timed_out {
            Error::Timeout { timeout_ms }
        } else {
            Error::Network {
                message: e.to_string(),
            }
        }
    })
}

async fn fetch(
    request: &HttpRequest,
    signal: &AbortSignal,
) -> Result<HttpResponse, gloo_net::Error> {
    let method = match request.method {
        Method::Get => gloo_net::http::Method::GET,
        Method::Post => gloo_net::http::Method::POST,
    };
    let mut builder = RequestBuilder::new(&request.url)
        .method(method)
        .abort_signal(Some(signal));
    if in_browser() {
        // GitHub answers GETs with `Cache-Control: max-age=60`: a browser would serve stale lists
        // from its HTTP cache. Workers refuse the `cache` field, so only browsers get it.
        builder = builder.cache(RequestCache::NoStore);
    }
    for (name, value) in &request.headers {
        builder = builder.header(name, value);
    }
    let prepared = match &request.body {
        Some(body) => builder.body(body.as_str())?,
        None => builder.build()?,
    };
    let response = prepared.send().await?;
    let headers = response
        .headers()
        .entries()
        .map(|(name, value)| (name.to_ascii_lowercase(), value))
        .collect();
    let body = response.text().await?;
    Ok(HttpResponse {
        status: response.status(),
        url: response.url(),
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

/// Aborts the attempt when the caller's signal aborts; stops listening when dropped.
struct Forward {
    caller: AbortSignal,
    callback: Closure<dyn FnMut()>,
}

impl Forward {
    fn new(caller: &AbortSignal, controller: &AbortController) -> Forward {
        let controller = controller.clone();
        let callback = Closure::<dyn FnMut()>::new(move || controller.abort());
        // Registering on a live AbortSignal cannot fail; if it did, the timeout still bounds the call.
        let _ = caller.add_event_listener_with_callback("abort", callback.as_ref().unchecked_ref());
        Forward {
            caller: caller.clone(),
            callback,
        }
    }
}

impl Drop for Forward {
    fn drop(&mut self) {
        let _ = self
            .caller
            .remove_event_listener_with_callback("abort", self.callback.as_ref().unchecked_ref());
    }
}

/// Aborts the attempt after the timeout; cleared when dropped.
struct Timer {
    id: JsValue,
    fired: Rc<Cell<bool>>,
    _callback: Closure<dyn FnMut()>,
}

impl Timer {
    fn start(timeout_ms: u32, controller: &AbortController) -> Timer {
        let fired = Rc::new(Cell::new(false));
        let controller = controller.clone();
        let flag = Rc::clone(&fired);
        let callback = Closure::<dyn FnMut()>::new(move || {
            flag.set(true);
            controller.abort();
        });
        let ms = i32::try_from(timeout_ms).unwrap_or(i32::MAX);
        let id = set_timeout(callback.as_ref().unchecked_ref(), ms);
        Timer {
            id,
            fired,
            _callback: callback,
        }
    }

    fn fired(&self) -> bool {
        self.fired.get()
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        clear_timeout(&self.id);
    }
}
