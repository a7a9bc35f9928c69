//! The JS façade: the `Client` class, JS objects in and out.

use crate::client::Client;
use crate::error::{Error, Result};
use crate::model::DeploymentStatus;
use crate::params::{self, Fields};
use crate::request::{self, HttpRequest};
use crate::response::{HttpResponse, RateLimit};
use crate::statuses::execute;
use js_sys::{Object, Promise, Reflect};
use serde::de::DeserializeOwned;
use std::borrow::Cow;
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
        let fields = fields(&options, "options", false)?;
        let client = params::client(&fields)?.build()?;
        Ok(JsClient {
            inner: Rc::new(client),
        })
    }

    /// Creates a deployment status (`POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses`).
    #[wasm_bindgen(js_name = createDeploymentStatus)]
    pub fn create_deployment_status(&self, params: JsValue, options: JsValue) -> Promise {
        self.call::<DeploymentStatus>(params, options, |client, fields| {
            let (path, status) = params::create(fields)?;
            request::create(client, &path, &status)
        })
    }

    /// Lists a deployment's statuses, newest first (`GET .../statuses?per_page=&page=`).
    #[wasm_bindgen(js_name = listDeploymentStatuses)]
    pub fn list_deployment_statuses(&self, params: JsValue, options: JsValue) -> Promise {
        self.call::<Vec<DeploymentStatus>>(params, options, |client, fields| {
            let (path, per_page, page) = params::list(fields)?;
            request::list(client, &path, per_page, page)
        })
    }

    /// Gets one deployment status (`GET .../statuses/{status_id}`).
    #[wasm_bindgen(js_name = getDeploymentStatus)]
    pub fn get_deployment_status(&self, params: JsValue, options: JsValue) -> Promise {
        self.call::<DeploymentStatus>(params, options, |client, fields| {
            let (path, status_id) = params::get(fields)?;
            request::get_one(client, &path, status_id)
        })
    }
}

impl JsClient {
    /// Validates, sends, checks the body decodes as `T`, and resolves to the response object.
    fn call<T: DeserializeOwned>(
        &self,
        params: JsValue,
        options: JsValue,
        build: impl FnOnce(&Client, &Fields) -> Result<HttpRequest> + 'static,
    ) -> Promise {
        let client = Rc::clone(&self.inner);
        future_to_promise(async move {
            let signal = call_signal(&options)?;
            let request = build(&client, &fields(&params, "params", true)?)?;
            let (response, _checked): (HttpResponse, T) =
                execute(&client, &request, signal.as_ref()).await?;
            Ok(response_object(&response))
        })
    }
}

/// The `signal` of a call's second argument, the only option a call takes.
fn call_signal(options: &JsValue) -> Result<Option<AbortSignal>> {
    if options.is_undefined() || options.is_null() {
        return Ok(None);
    }
    if !options.is_object() {
        return Err(Error::invalid("options", "must be an object"));
    }
    let keys = Object::keys(options.unchecked_ref::<Object>());
    if let Some(key) = keys
        .iter()
        .filter_map(|k| k.as_string())
        .find(|k| k != "signal")
    {
        return Err(Error::Validation {
            field: Cow::Owned(key),
            message: Cow::Borrowed("is not a known option"),
        });
    }
    let signal = Reflect::get(options, &JsValue::from_str("signal")).unwrap_or(JsValue::UNDEFINED);
    if signal.is_undefined() || signal.is_null() {
        return Ok(None);
    }
    signal
        .dyn_into::<AbortSignal>()
        .map(Some)
        .map_err(|_| Error::invalid("signal", "must be an AbortSignal"))
}

/// A plain JS object as a field map; `undefined` values are left out, as octokit does.
fn fields(value: &JsValue, what: &'static str, required: bool) -> Result<Fields> {
    if !required && (value.is_undefined() || value.is_null()) {
        return Ok(Fields::new());
    }
    if !value.is_object() || js_sys::Array::is_array(value) {
        return Err(Error::invalid(what, "must be an object"));
    }
    let mut fields = Fields::new();
    for key in Object::keys(value.unchecked_ref::<Object>()).iter() {
        let Some(name) = key.as_string() else {
            continue;
        };
        let item = Reflect::get(value, &key).unwrap_or(JsValue::UNDEFINED);
        if item.is_undefined() {
            continue;
        }
        let converted = if item.is_function() || item.is_symbol() {
            None
        } else {
            serde_wasm_bindgen::from_value::<serde_json::Value>(item).ok()
        };
        let Some(converted) = converted else {
            return Err(Error::Validation {
                field: Cow::Owned(name),
                message: Cow::Borrowed("has a type this field does not take"),
            });
        };
        fields.insert(name, converted);
    }
    Ok(fields)
}

/// `{ status, url, headers, data, rateLimit }`, the shape every call resolves to.
fn response_object(response: &HttpResponse) -> JsValue {
    let obj = Object::new();
    set(&obj, "status", &JsValue::from(response.status));
    set(&obj, "url", &JsValue::from_str(&response.url));
    set(&obj, "headers", &headers_object(&response.headers));
    set(&obj, "data", &parse_json_or_text(&response.body));
    set(
        &obj,
        "rateLimit",
        &rate_limit_object(RateLimit::from_headers(&response.headers).as_ref()),
    );
    obj.into()
}

/// Sets `obj[key] = value`; setting a property on a fresh plain object cannot fail.
pub(crate) fn set(obj: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), value);
}

/// Headers as a plain object with lower-case names; repeated headers are joined with `, `.
pub(crate) fn headers_object(headers: &[(String, String)]) -> JsValue {
    let obj = Object::new();
    for (name, value) in headers {
        let key = JsValue::from_str(name);
        let joined = match Reflect::get(&obj, &key).ok().and_then(|v| v.as_string()) {
            Some(previous) => format!("{previous}, {value}"),
            None => value.clone(),
        };
        let _ = Reflect::set(&obj, &key, &JsValue::from_str(&joined));
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
    js_sys::JSON::parse(body).unwrap_or_else(|_| JsValue::from_str(body))
}
