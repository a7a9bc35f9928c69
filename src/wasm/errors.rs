//! `Error` as a real JS `Error` whose fields let code branch without parsing text.

use super::json::{as_array, key};
use super::objects::{headers_object, parse_json_or_text, rate_limit_object, set};
use super::runtime::{cancelled, JsRuntime};
use crate::core::error::{Error, HttpError, Result};
use crate::core::json::Json;
use js_sys::Reflect;
use wasm_bindgen::JsValue;

impl From<Error> for JsValue {
    fn from(error: Error) -> JsValue {
        let js = js_sys::Error::new(&error.message());
        js.set_name(error.name());
        set_fields(js.as_ref(), &error);
        js.into()
    }
}

/// The fields code branches on, by what went wrong.
fn set_fields(obj: &JsValue, error: &Error) {
    match error {
        // `message` is already "field message", from `Error::message`.
        Error::Validation { field, .. } => set(obj, "field", &JsValue::from_str(field)),
        Error::Http(http) => set_http_fields(obj, http),
        Error::Network { message, cause } => {
            set(obj, "status", &JsValue::from(0));
            // The runtime's own error where it threw one; else what it said.
            let cause = cause.as_ref().and_then(|c| c.get::<JsValue>()).cloned();
            set(
                obj,
                "cause",
                &cause.unwrap_or_else(|| JsValue::from_str(message)),
            );
        }
        Error::Timeout { .. } | Error::Deadline { .. } | Error::Abort => {
            set(obj, "status", &JsValue::from(0))
        }
        Error::Decode { status, .. } => set(obj, "status", &JsValue::from(*status)),
        // The fields of what ended the call, and that a retry must look first.
        Error::MaybeCreated(inner) => {
            set_fields(obj, inner);
            set(obj, "mayHaveBeenCreated", &JsValue::TRUE);
        }
    }
}

fn set_http_fields(obj: &JsValue, e: &HttpError) {
    set(obj, "status", &JsValue::from(e.status));
    set(
        obj,
        "documentationUrl",
        &e.documentation_url
            .as_deref()
            .map_or(JsValue::NULL, JsValue::from_str),
    );
    let data = parse_json_or_text(&e.response.body);
    let errors = data
        .field("errors")
        .filter(|errors| as_array(errors).is_some())
        .unwrap_or_else(|| js_sys::Array::new().into());
    set(obj, "errors", &errors);

    let request = js_sys::Object::new();
    set(&request, "method", &JsValue::from_str(e.request.method));
    set(&request, "url", &JsValue::from_str(&e.request.url));
    let headers = js_sys::Object::new();
    for (name, value) in &e.request.headers {
        set(&headers, name, &JsValue::from_str(value));
    }
    set(&request, "headers", &headers);
    set(obj, "request", &request);

    let response = js_sys::Object::new();
    set(&response, "status", &JsValue::from(e.response.status));
    set(&response, "url", &JsValue::from_str(&e.response.url));
    set(&response, "headers", &headers_object(&e.response.headers));
    set(&response, "data", &data);
    set(obj, "response", &response);
    set(obj, "rateLimit", &rate_limit_object(e.rate_limit.as_ref()));
}

impl JsRuntime {
    /// `result` with its error as a JS `Error`; an `AbortError` keeps the signal's reason as its
    /// `cause` (`controller.abort(reason)`).
    pub(super) fn settle<T>(&self, result: Result<T>) -> std::result::Result<T, JsValue> {
        result.map_err(|error| self.js_error(error))
    }

    /// `error` as a JS `Error`; an `AbortError` keeps the signal's reason as its `cause`.
    pub(super) fn js_error(&self, error: Error) -> JsValue {
        let aborted = error.name() == "AbortError";
        let js = JsValue::from(error);
        if let Some(signal) = self.signal().filter(|s| aborted && cancelled(s)) {
            if let Ok(reason) = Reflect::get(signal, &key("reason")) {
                set(&js, "cause", &reason);
            }
        }
        js
    }
}
