//! Rust futures as JS promises.

use js_sys::Promise;
use std::future::Future;
use std::pin::Pin;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::future_to_promise;

/// Runs `work` as a Promise. Boxed, so wasm holds one copy of the task machinery, not one per call.
pub(super) fn spawn(work: impl Future<Output = Result<JsValue, JsValue>> + 'static) -> Promise {
    let boxed: Pin<Box<dyn Future<Output = Result<JsValue, JsValue>>>> = Box::pin(work);
    future_to_promise(boxed)
}
