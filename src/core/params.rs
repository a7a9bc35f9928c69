//! JS-shaped input (any [`Json`] value) to typed parameters, naming the field at fault.

use crate::core::client::ClientBuilder;
use crate::core::error::{Error, Result};
use crate::core::json::{Json, Kind};
use crate::core::model::State;
use crate::core::request::{NewStatus, StatusesPath};
use crate::core::text::{parse_number, starts_with_byte};
use crate::core::validate::MAX_SAFE_INTEGER;
use std::borrow::Cow;

/// `new Client(options)`; `undefined` or `null` options mean all defaults.
pub fn client<B, J: Json>(options: &J) -> Result<ClientBuilder<B>> {
    let mut builder = ClientBuilder::default();
    if options.kind() == Kind::Null {
        return Ok(builder);
    }
    object(options, "options")?;
    only(
        options,
        &[
            "auth",
            "baseUrl",
            "apiVersion",
            "userAgent",
            "timeoutMs",
            "maxBodyBytes",
            "createCheckWindowMs",
            "retries",
            "maxRateLimitWaitMs",
            "cache",
        ],
    )?;
    if let Some(token) = optional_string(options, "auth")? {
        builder = builder.auth(token);
    }
    if let Some(url) = optional_string(options, "baseUrl")? {
        builder = builder.base_url(url);
    }
    match options.field("apiVersion") {
        None => {}
        Some(v) if v.kind() == Kind::Null => builder = builder.api_version(None),
        Some(_) => builder = builder.api_version(optional_string(options, "apiVersion")?),
    }
    if let Some(agent) = optional_string(options, "userAgent")? {
        builder = builder.user_agent(agent);
    }
    let timeout = "must be an integer from 1 to 2147483647";
    if let Some(ms) = optional_integer(options, "timeoutMs", timeout)? {
        builder = builder.timeout_ms(ms);
    }
    let body = "must be an integer from 1 to 268435456";
    if let Some(bytes) = optional_integer(options, "maxBodyBytes", body)? {
        builder = builder.max_body_bytes(bytes);
    }
    let window = "must be an integer from 0 to 60000";
    if let Some(ms) = optional_integer(options, "createCheckWindowMs", window)? {
        builder = builder.create_check_window_ms(ms);
    }
    if let Some(n) = optional_integer(options, "retries", "must be an integer from 0 to 10")? {
        builder = builder.retries(n);
    }
    let wait = "must be an integer from 0 to 2147483647";
    if let Some(ms) = optional_integer(options, "maxRateLimitWaitMs", wait)? {
        builder = builder.max_rate_limit_wait_ms(ms);
    }
    if let Some(cache) = options.field("cache") {
        builder = match (cache.kind(), cache.boolean()) {
            (Kind::Null, _) | (_, Some(true)) => builder,
            (_, Some(false)) => builder.cache(None),
            (Kind::Object, _) => {
                let entries = cache.field("maxEntries").and_then(|v| integer(&v));
                match entries {
                    Some(n) if only(&cache, &["maxEntries"]).is_ok() => builder.cache(Some(n)),
                    _ => {
                        return Err(Error::invalid(
                            "cache",
                            "must be { maxEntries: n } with n an integer from 1 to 10000",
                        ))
                    }
                }
            }
            _ => {
                return Err(Error::invalid(
                    "cache",
                    "must be true, false or { maxEntries: number }",
                ))
            }
        };
    }
    Ok(builder)
}

/// `createDeploymentStatus(params)`.
pub fn create<J: Json>(params: &J) -> Result<(StatusesPath, NewStatus)> {
    object(params, "params")?;
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
    let state = match params.field("state") {
        None => return Err(Error::invalid("state", "is required")),
        Some(v) if v.kind() == Kind::Null => return Err(Error::invalid("state", "is required")),
        Some(v) => v.string().and_then(|s| s.parse::<State>().ok()),
    }
    .ok_or_else(|| {
        Error::invalid(
            "state",
            "must be one of error, failure, inactive, in_progress, queued, pending, success",
        )
    })?;
    let status = NewStatus {
        state,
        target_url: optional_string(params, "target_url")?,
        log_url: optional_string(params, "log_url")?,
        description: optional_string(params, "description")?,
        environment: optional_string(params, "environment")?,
        environment_url: optional_string(params, "environment_url")?,
        auto_inactive: optional_bool(params, "auto_inactive")?,
    };
    Ok((path, status))
}

/// `listDeploymentStatuses(params)` (and `paginate`, `iterate`, `watch`): the path, `per_page`, `page`.
pub fn list<J: Json>(params: &J) -> Result<(StatusesPath, Option<u32>, Option<u32>)> {
    object(params, "params")?;
    only(
        params,
        &["owner", "repo", "deployment_id", "per_page", "page"],
    )?;
    let path = path(params)?;
    let (per_page, page) = paging(params)?;
    Ok((path, per_page, page))
}

/// `getDeploymentStatus(params)`: the path and `status_id`.
pub fn get<J: Json>(params: &J) -> Result<(StatusesPath, u64)> {
    object(params, "params")?;
    only(params, &["owner", "repo", "deployment_id", "status_id"])?;
    let path = path(params)?;
    let status_id = id(params, "status_id")?;
    Ok((path, status_id))
}

/// `per_page` and `page`, each optional.
pub(crate) fn paging<J: Json>(params: &J) -> Result<(Option<u32>, Option<u32>)> {
    Ok((
        optional_u32(params, "per_page", "must be an integer from 1 to 100")?,
        optional_u32(params, "page", "must be an integer of at least 1")?,
    ))
}

fn path<J: Json>(params: &J) -> Result<StatusesPath> {
    Ok(StatusesPath {
        owner: required_string(params, "owner")?,
        repo: required_string(params, "repo")?,
        deployment_id: id(params, "deployment_id")?,
    })
}

pub(crate) fn object<J: Json>(value: &J, what: &'static str) -> Result<()> {
    if value.kind() == Kind::Object {
        Ok(())
    } else {
        Err(Error::invalid(what, "must be an object"))
    }
}

/// Refuses keys the operation does not take, so a typo is not silently dropped; a key whose
/// value is `undefined` counts as absent.
pub(crate) fn only<J: Json>(fields: &J, known: &[&str]) -> Result<()> {
    match fields
        .keys()
        .into_iter()
        .find(|key| !known.contains(&key.as_str()) && fields.field(key).is_some())
    {
        Some(key) => Err(Error::Validation {
            message: Cow::Borrowed(where_it_goes(&key)),
            field: Cow::Owned(key),
        }),
        None => Ok(()),
    }
}

/// What to say of a key an operation does not take, with a hint for what octokit users pass.
fn where_it_goes(key: &str) -> &'static str {
    match key {
        "headers" => "is not a parameter: headers are set by the Client's options",
        "request" | "signal" => "is not a parameter: pass { signal } as the second argument",
        "mediaType" => "is not a parameter: answers are always JSON",
        _ => "is not a known parameter",
    }
}

pub(crate) fn required_string<J: Json>(fields: &J, key: &'static str) -> Result<String> {
    optional_string(fields, key)?.ok_or_else(|| Error::invalid(key, "is required"))
}

pub(crate) fn optional_string<J: Json>(fields: &J, key: &'static str) -> Result<Option<String>> {
    match fields.field(key) {
        None => Ok(None),
        Some(v) if v.kind() == Kind::Null => Ok(None),
        Some(v) => v
            .string()
            .map(Some)
            .ok_or_else(|| Error::invalid(key, "must be a string")),
    }
}

pub(crate) fn optional_bool<J: Json>(fields: &J, key: &'static str) -> Result<Option<bool>> {
    match fields.field(key) {
        None => Ok(None),
        Some(v) if v.kind() == Kind::Null => Ok(None),
        Some(v) => v
            .boolean()
            .map(Some)
            .ok_or_else(|| Error::invalid(key, "must be a boolean")),
    }
}

/// A positive safe integer id (1 ..= 2^53-1), as a number or as its canonical decimal string
/// (ids come from environment variables and URLs): `"42"`, never `"042"`, `" 42"`, `"4.2"`, `"1e3"`.
pub(crate) fn id<J: Json>(fields: &J, key: &'static str) -> Result<u64> {
    fields
        .field(key)
        .and_then(|v| integer(&v).or_else(|| v.string().as_deref().and_then(decimal_id)))
        .filter(|n| (1..=MAX_SAFE_INTEGER).contains(n))
        .ok_or_else(|| {
            Error::invalid(
                key,
                "must be a positive safe integer (1 to 2^53-1), or its decimal digits as a string",
            )
        })
}

/// The number a canonical decimal string spells: digits only, no leading zero.
fn decimal_id(text: &str) -> Option<u64> {
    if starts_with_byte(text, b'0') {
        return None;
    }
    parse_number(text)
}

pub(crate) fn optional_u32<J: Json>(
    fields: &J,
    key: &'static str,
    message: &'static str,
) -> Result<Option<u32>> {
    match optional_integer(fields, key, message)? {
        Some(n) => u32::try_from(n)
            .map(Some)
            .map_err(|_| Error::invalid(key, message)),
        None => Ok(None),
    }
}

fn optional_integer<J: Json>(
    fields: &J,
    key: &'static str,
    message: &'static str,
) -> Result<Option<u64>> {
    match fields.field(key) {
        None => Ok(None),
        Some(v) if v.kind() == Kind::Null => Ok(None),
        Some(v) => integer(&v)
            .map(Some)
            .ok_or_else(|| Error::invalid(key, message)),
    }
}

/// A non-negative whole number that a JS number holds exactly.
fn integer<J: Json>(value: &J) -> Option<u64> {
    value
        .number()
        .filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f <= MAX_SAFE_INTEGER as f64)
        .map(|f| f as u64)
}
