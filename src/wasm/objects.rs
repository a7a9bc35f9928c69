//! The plain JS objects calls resolve to: responses, headers, rate limits, page progress.

use super::json;
use super::runtime::JsRuntime;
use crate::core::engine::Answer;
use crate::core::pagination::Progress;
use crate::core::response::RateLimit;
use js_sys::{JsString, Object, Reflect};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

/// `{ status, url, headers, data, rateLimit }`, the shape every call resolves to.
pub(super) fn response_object(response: &Answer<JsRuntime>, data: JsValue) -> JsValue {
    let obj = Object::new();
    set(&obj, "status", &JsValue::from(response.status));
    set(&obj, "url", &JsValue::from_str(&response.url));
    // The object the runtime made from fetch's headers (a 304's merged over the cached ones),
    // unless the engine answered for itself (a 204 for a deployment already gone).
    let headers = match &response.body.headers {
        Some(object) => JsValue::from(object),
        None => headers_object(&response.headers),
    };
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
pub(super) fn set(obj: &JsValue, key: &str, value: &JsValue) {
    define(obj, &json::key(key), value);
}

#[wasm_bindgen]
extern "C" {
    /// `Reflect.set` without wasm-bindgen's `catch` wrapper (a closure and an `arguments` object
    /// per call, 10 calls per result): setting a property of a fresh plain object cannot throw.
    #[wasm_bindgen(js_namespace = Reflect, js_name = set)]
    pub(super) fn define(target: &JsValue, key: &JsValue, value: &JsValue) -> bool;
}

/// Headers as a plain object with lower-case names; repeated headers are joined with `, `.
pub(super) fn headers_object(headers: &[(String, String)]) -> JsValue {
    let obj = Object::new();
    for (name, value) in headers {
        let key = JsValue::from_str(name);
        let joined = match Reflect::get(&obj, &key).ok().and_then(|v| v.as_string()) {
            Some(previous) => crate::core::text::concat(&[previous.as_str(), ", ", value]),
            None => value.clone(),
        };
        define(&obj, &key, &JsValue::from_str(&joined));
    }
    obj.into()
}

/// `{ limit, remaining, used, reset, resource }`, or `null` when GitHub sent no rate-limit headers.
pub(super) fn rate_limit_object(rate_limit: Option<&RateLimit>) -> JsValue {
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
pub(super) fn parse_json_or_text(body: &str) -> JsValue {
    if body.is_empty() {
        return JsValue::NULL;
    }
    json::parse_text(&JsString::from(body)).unwrap_or_else(|| JsValue::from_str(body))
}

/// `{ page, totalPages, items, data }` for `onPage`.
pub(super) fn progress_object(progress: Progress, data: &JsValue) -> JsValue {
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

/// A page's items: the list itself, or an environments page's `environments`.
pub(super) fn listed(data: JsValue) -> JsValue {
    if js_sys::Array::is_array(&data) {
        return data;
    }
    Reflect::get(&data, &json::key("environments")).unwrap_or(data)
}
