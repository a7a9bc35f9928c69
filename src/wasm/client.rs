//! The JS façade: the `Client` class, JS objects in, the engine on the JS runtime, JS objects out.

use super::iterator::{IteratorState, PageIterator};
use super::json;
use super::lists::{arguments, pages};
use super::objects::listed;
use super::objects::{define, progress_object, response_object};
use super::options::{call_back, CallOptions};
use super::runtime::{JsBody, JsRuntime};
use super::task::spawn;
use crate::core::client::Client;
use crate::core::engine::{self, Checked, NewResource};
use crate::core::error::{Error, Result};
use crate::core::params;
use crate::core::request::{self, HttpRequest, Method};
use crate::core::schema::Schema;
use js_sys::{Object, Promise};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

/// A client for GitHub's deployments API: deployments, their statuses, environments.
#[wasm_bindgen(js_name = Client)]
pub struct JsClient {
    pub(super) inner: Rc<Client<JsBody>>,
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

    /// The API version requests carry, or `null` when none is sent: the configured one, or
    /// `2022-11-28` once a server (an older GitHub Enterprise Server) refused it.
    #[wasm_bindgen(getter, js_name = apiVersion)]
    pub fn api_version(&self) -> JsValue {
        self.inner
            .api_version()
            .map_or(JsValue::NULL, JsValue::from_str)
    }

    /// Creates a deployment status exactly once (`POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses`).
    #[wasm_bindgen(js_name = createDeploymentStatus)]
    pub fn create_deployment_status(&self, params: JsValue, options: JsValue) -> Promise {
        self.create(params, options, |params| {
            let (path, status) = params::create(params)?;
            Ok(NewResource::Status(path, status))
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

    /// Every item of a listing, following `Link: rel="next"`: `paginate(client.listDeployments,
    /// params, options)` for any list method, or `paginate(params, options)` for statuses.
    pub fn paginate(&self, first: JsValue, second: JsValue, third: JsValue) -> Promise {
        let client = Rc::clone(&self.inner);
        spawn(async move {
            let (params, options) = arguments(&first, second, third);
            let options = CallOptions::read(&options, &["signal", "maxPages", "onPage"])?;
            let mut pages = pages(&client, &first, &params, options.signal)?;
            if let Some(max) = options.max_pages {
                pages = pages.max_pages(max);
            }
            // The pages, flattened once at the end: concatenating per page would copy O(n²).
            let all = js_sys::Array::new();
            loop {
                let page = pages.next_page().await;
                let Some((_, data)) = pages.runtime().settle(page)? else {
                    break;
                };
                let data = listed(data);
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

    /// The pages of a listing as an async iterable, fetched only as they are asked for; the same
    /// arguments as `paginate`.
    pub fn iterate(
        &self,
        first: JsValue,
        second: JsValue,
        third: JsValue,
    ) -> Result<JsValue, JsValue> {
        let (params, options) = arguments(&first, second, third);
        let options = CallOptions::read(&options, &["signal"])?;
        let pages = pages(&self.inner, &first, &params, options.signal)?;
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
            let runtime = JsRuntime::new(options.signal);
            let interval = options.interval_ms.unwrap_or(DEFAULT_WATCH_INTERVAL_MS);
            let mut thrown = None;
            let watched = engine::watch::<_, Checked>(
                &runtime,
                &client,
                &request,
                interval,
                &mut |answer, data| {
                    call_back(&on_change, &response_object(answer, data), &mut thrown)
                },
            )
            .await;
            match (watched, thrown) {
                (_, Some(error)) => Err(error),
                (Err(error), None) => Err(runtime.js_error(error)),
                (Ok(()), None) => Ok(JsValue::UNDEFINED),
            }
        })
    }
}

/// How often `watch` polls unless told otherwise.
const DEFAULT_WATCH_INTERVAL_MS: u64 = 10_000;

impl JsClient {
    /// Validates, sends a GET (its body checked against `schema`) or a DELETE (`data: null`),
    /// and resolves to the response object.
    pub(super) fn get(
        &self,
        params: JsValue,
        options: JsValue,
        schema: Schema,
        // A function pointer, not a closure type: one copy of the task for every GET and DELETE.
        build: fn(&Client<JsBody>, &JsValue) -> Result<HttpRequest>,
    ) -> Promise {
        let client = Rc::clone(&self.inner);
        spawn(async move {
            let options = CallOptions::read(&options, &["signal"])?;
            let request = build(&client, &params)?;
            let runtime = JsRuntime::new(options.signal);
            let got = if request.method == Method::Delete {
                let deleted = engine::delete(&runtime, &client, &request).await;
                deleted.map(|answer| (answer, JsValue::NULL))
            } else {
                engine::get::<_, Checked>(&runtime, &client, &request, schema).await
            };
            let (answer, data) = runtime.settle(got)?;
            Ok(response_object(&answer, data))
        })
    }

    /// Validates, posts exactly once, and resolves to the response object.
    pub(super) fn create(
        &self,
        params: JsValue,
        options: JsValue,
        // A function pointer, not a closure type: one copy of the task for both creates.
        read: fn(&JsValue) -> Result<NewResource>,
    ) -> Promise {
        let client = Rc::clone(&self.inner);
        spawn(async move {
            let options = CallOptions::read(&options, &["signal"])?;
            let new = read(&params)?;
            let runtime = JsRuntime::new(options.signal);
            let created = engine::create::<_, Checked>(&runtime, &client, &new).await;
            let (answer, data) = runtime.settle(created)?;
            Ok(response_object(&answer, data))
        })
    }
}
