//! Which listing `paginate` and `iterate` walk: a list method of the client, or statuses' params.

use super::iterator::JsPages;
use super::json;
use super::runtime::{JsBody, JsRuntime};
use crate::core::client::Client;
use crate::core::deployment_params as params;
use crate::core::deployment_requests as requests;
use crate::core::engine::Pages;
use crate::core::error::{Error, Result};
use crate::core::request::{self, HttpRequest};
use crate::core::schema::Schema;
use js_sys::Reflect;
use wasm_bindgen::JsValue;
use web_sys::AbortSignal;

/// `paginate`'s and `iterate`'s params and options: after a list method, or first.
pub(super) fn arguments(first: &JsValue, second: JsValue, third: JsValue) -> (JsValue, JsValue) {
    if first.is_function() {
        (second, third)
    } else {
        (first.clone(), second)
    }
}

/// The validated pages of the listing `first` names (a list method, or statuses' params).
pub(super) fn pages(
    client: &Client<JsBody>,
    first: &JsValue,
    params: &JsValue,
    signal: Option<AbortSignal>,
) -> Result<JsPages> {
    // A method is known by its name (`bound listDeployments` once bound).
    let method = first.is_function().then(|| {
        Reflect::get(first, &json::key("name"))
            .ok()
            .and_then(|name| name.as_string())
            .unwrap_or_default()
    });
    let (request, schema) = match method.as_deref().map(|m| m.strip_prefix("bound ").unwrap_or(m)) {
        None | Some("listDeploymentStatuses") => {
            let (path, per_page, page) = crate::core::params::list(params)?;
            (request::list(client, &path, per_page, page)?, Schema::StatusList)
        }
        Some("listDeployments") => (list_deployments(client, params)?, Schema::DeploymentList),
        Some("getAllEnvironments") => (list_environments(client, params)?, Schema::EnvironmentList),
        _ => {
            return Err(Error::invalid(
                "method",
                "must be client.listDeploymentStatuses, client.listDeployments or client.getAllEnvironments",
            ))
        }
    };
    Ok(Pages::new(JsRuntime::new(signal), client, request, schema))
}

/// `GET .../deployments` from `listDeployments`' JS params.
pub(super) fn list_deployments(client: &Client<JsBody>, params: &JsValue) -> Result<HttpRequest> {
    let (repo, filter, per_page, page) = params::list_deployments(params)?;
    requests::list_deployments(client, &repo, &filter, per_page, page)
}

/// `GET .../environments` from `getAllEnvironments`' JS params.
pub(super) fn list_environments(client: &Client<JsBody>, params: &JsValue) -> Result<HttpRequest> {
    let (repo, per_page, page) = params::environments(params)?;
    requests::list_environments(client, &repo, per_page, page)
}
