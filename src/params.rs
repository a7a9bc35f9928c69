//! JS-shaped input (a JSON object map) to typed parameters, naming the field at fault.

use crate::client::ClientBuilder;
use crate::error::{Error, Result};
use crate::model::State;
use crate::request::{NewStatus, StatusesPath};
use crate::validate::MAX_SAFE_INTEGER;
use serde_json::{Map, Value};
use std::borrow::Cow;

/// A JS object as a map; keys whose value was `undefined` are absent.
pub type Fields = Map<String, Value>;

/// `new Client(options)`.
pub fn client(options: &Fields) -> Result<ClientBuilder> {
    only(
        options,
        &[
            "auth",
            "baseUrl",
            "apiVersion",
            "userAgent",
            "timeoutMs",
            "retries",
            "maxRateLimitWaitMs",
            "cache",
        ],
    )?;
    let mut builder = ClientBuilder::default();
    if let Some(token) = optional_string(options, "auth")? {
        builder = builder.auth(token);
    }
    if let Some(url) = optional_string(options, "baseUrl")? {
        builder = builder.base_url(url);
    }
    match options.get("apiVersion") {
        None => {}
        Some(Value::Null) => builder = builder.api_version(None),
        Some(_) => builder = builder.api_version(optional_string(options, "apiVersion")?),
    }
    if let Some(agent) = optional_string(options, "userAgent")? {
        builder = builder.user_agent(agent);
    }
    if let Some(ms) = optional_integer(
        options,
        "timeoutMs",
        "must be an integer from 1 to 2147483647",
    )? {
        builder = builder.timeout_ms(ms);
    }
    if let Some(n) = optional_integer(options, "retries", "must be an integer from 0 to 10")? {
        builder = builder.retries(n);
    }
    let wait_message = "must be an integer from 0 to 2147483647";
    if let Some(ms) = optional_integer(options, "maxRateLimitWaitMs", wait_message)? {
        builder = builder.max_rate_limit_wait_ms(ms);
    }
    match options.get("cache") {
        None | Some(Value::Null) | Some(Value::Bool(true)) => {}
        Some(Value::Bool(false)) => builder = builder.cache(None),
        Some(Value::Object(cache)) => {
            only(cache, &["maxEntries"])?;
            let message = "maxEntries must be an integer from 1 to 10000";
            let entries = optional_integer(cache, "maxEntries", message)?
                .ok_or_else(|| Error::invalid("cache", message))?;
            builder = builder.cache(Some(entries));
        }
        Some(_) => {
            return Err(Error::invalid(
                "cache",
                "must be true, false or { maxEntries: number }",
            ))
        }
    }
    Ok(builder)
}

/// `createDeploymentStatus(params)`.
pub fn create(params: &Fields) -> Result<(StatusesPath, NewStatus)> {
    only(
        params,
        &[
            "owner",
            "repo",
            "deployment_id",
            "state",
            "target_url",
            "log_url",
            "description",
            "environment",
            "environment_url",
            "auto_inactive",
        ],
    )?;
    let path = path(params)?;
    let state = match params.get("state") {
        None | Some(Value::Null) => return Err(Error::invalid("state", "is required")),
        Some(Value::String(s)) => s.parse::<State>().ok(),
        Some(_) => None,
    }
    .ok_or_else(|| {
        Error::invalid(
            "state",
            "must be one of error, failure, inactive, in_progress, queued, pending, success",
        )
    })?;
    let auto_inactive = match params.get("auto_inactive") {
        None | Some(Value::Null) => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(_) => return Err(Error::invalid("auto_inactive", "must be a boolean")),
    };
    let status = NewStatus {
        state,
        target_url: optional_string(params, "target_url")?,
        log_url: optional_string(params, "log_url")?,
        description: optional_string(params, "description")?,
        environment: optional_string(params, "environment")?,
        environment_url: optional_string(params, "environment_url")?,
        auto_inactive,
    };
    Ok((path, status))
}

/// `listDeploymentStatuses(params)`: the path, `per_page` and `page`.
pub fn list(params: &Fields) -> Result<(StatusesPath, Option<u32>, Option<u32>)> {
    only(
        params,
        &["owner", "repo", "deployment_id", "per_page", "page"],
    )?;
    let path = path(params)?;
    let per_page = optional_u32(params, "per_page", "must be an integer from 1 to 100")?;
    let page = optional_u32(params, "page", "must be an integer of at least 1")?;
    Ok((path, per_page, page))
}

/// `getDeploymentStatus(params)`: the path and `status_id`.
pub fn get(params: &Fields) -> Result<(StatusesPath, u64)> {
    only(params, &["owner", "repo", "deployment_id", "status_id"])?;
    let path = path(params)?;
    let status_id = id(params, "status_id")?;
    Ok((path, status_id))
}

fn path(params: &Fields) -> Result<StatusesPath> {
    Ok(StatusesPath {
        owner: required_string(params, "owner")?,
        repo: required_string(params, "repo")?,
        deployment_id: id(params, "deployment_id")?,
    })
}

/// Refuses keys the operation does not take, so a typo is not silently dropped.
fn only(fields: &Fields, known: &[&str]) -> Result<()> {
    match fields.keys().find(|key| !known.contains(&key.as_str())) {
        Some(key) => Err(Error::Validation {
            field: Cow::Owned(key.clone()),
            message: Cow::Borrowed("is not a known parameter"),
        }),
        None => Ok(()),
    }
}

fn required_string(fields: &Fields, key: &'static str) -> Result<String> {
    optional_string(fields, key)?.ok_or_else(|| Error::invalid(key, "is required"))
}

fn optional_string(fields: &Fields, key: &'static str) -> Result<Option<String>> {
    match fields.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(Error::invalid(key, "must be a string")),
    }
}

/// A positive safe integer id (1 ..= 2^53-1), as JS numbers hold exactly.
fn id(fields: &Fields, key: &'static str) -> Result<u64> {
    fields
        .get(key)
        .and_then(integer)
        .filter(|n| (1..=MAX_SAFE_INTEGER).contains(n))
        .ok_or_else(|| Error::invalid(key, "must be a positive safe integer (1 to 2^53-1)"))
}

fn optional_u32(fields: &Fields, key: &'static str, message: &'static str) -> Result<Option<u32>> {
    match optional_integer(fields, key, message)? {
        Some(n) => u32::try_from(n)
            .map(Some)
            .map_err(|_| Error::invalid(key, message)),
        None => Ok(None),
    }
}

fn optional_integer(
    fields: &Fields,
    key: &'static str,
    message: &'static str,
) -> Result<Option<u64>> {
    match fields.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => integer(value)
            .map(Some)
            .ok_or_else(|| Error::invalid(key, message)),
    }
}

/// A non-negative whole number, whether JS handed it over as an integer or a float.
fn integer(value: &Value) -> Option<u64> {
    let Value::Number(n) = value else { return None };
    n.as_u64().or_else(|| {
        n.as_f64()
            .filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f <= MAX_SAFE_INTEGER as f64)
            .map(|f| f as u64)
    })
}
