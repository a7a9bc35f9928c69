//! The second argument of a call, read into the keys that call takes.

use super::runtime::readable;
use crate::core::error::{Error, Result};
use crate::core::json::{Json, Kind};
use std::borrow::Cow;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::AbortSignal;

/// The second argument of a call, holding only the keys that call takes.
#[derive(Default)]
pub(super) struct CallOptions {
    pub signal: Option<AbortSignal>,
    pub max_pages: Option<u32>,
    pub on_page: Option<js_sys::Function>,
    pub interval_ms: Option<u64>,
    pub timeout_ms: Option<u64>,
    /// `onChange` or `onStatus`: a call takes one of them.
    pub on_change: Option<js_sys::Function>,
}

impl CallOptions {
    /// Reads `options`, refusing any key not in `allowed`.
    pub fn read(options: &JsValue, allowed: &[&str]) -> Result<CallOptions> {
        let mut read = CallOptions::default();
        if options.is_undefined() || options.is_null() {
            return Ok(read);
        }
        if options.kind() != Kind::Object {
            return Err(Error::invalid("options", "must be an object"));
        }
        for name in options.keys() {
            let Some(value) = options.field(&name) else {
                continue;
            };
            if value.is_null() {
                continue;
            }
            if !allowed.contains(&name.as_str()) {
                return Err(Error::Validation {
                    field: Cow::Owned(name),
                    message: Cow::Borrowed("is not an option of this call"),
                });
            }
            match name.as_str() {
                "signal" => {
                    let signal = value
                        .dyn_into::<AbortSignal>()
                        .ok()
                        .filter(readable)
                        .ok_or_else(|| Error::invalid("signal", "must be an AbortSignal"))?;
                    read.signal = Some(signal);
                }
                "maxPages" => {
                    let max = positive_integer(&value, u64::from(u32::MAX))
                        .and_then(|n| u32::try_from(n).ok())
                        .ok_or_else(|| Error::invalid("maxPages", "must be a positive integer"))?;
                    read.max_pages = Some(max);
                }
                "intervalMs" => {
                    // The range is the engine's to check (`validate::watch_interval_ms`).
                    let ms = positive_integer(&value, i32::MAX as u64).unwrap_or(0);
                    read.interval_ms = Some(ms);
                }
                "timeoutMs" => {
                    let ms = positive_integer(&value, i32::MAX as u64).ok_or_else(|| {
                        Error::invalid("timeoutMs", "must be an integer from 1 to 2147483647")
                    })?;
                    read.timeout_ms = Some(ms);
                }
                "onPage" => read.on_page = Some(function(value, "onPage")?),
                "onStatus" => read.on_change = Some(function(value, "onStatus")?),
                _ => read.on_change = Some(function(value, "onChange")?),
            }
        }
        Ok(read)
    }
}

fn positive_integer(value: &JsValue, max: u64) -> Option<u64> {
    value
        .as_f64()
        .filter(|n| n.fract() == 0.0 && *n >= 1.0 && *n <= max as f64)
        .map(|n| n as u64)
}

/// Calls the caller's `callback` with `arg` for the engine: what it throws is kept in `thrown`
/// (the call rejects with it as it was thrown) and stops the engine with `Error::Abort`.
pub(super) fn call_back(
    callback: &js_sys::Function,
    arg: &JsValue,
    thrown: &mut Option<JsValue>,
) -> Result<()> {
    callback
        .call1(&JsValue::NULL, arg)
        .map(drop)
        .map_err(|error| {
            *thrown = Some(error);
            Error::Abort
        })
}

fn function(value: JsValue, field: &'static str) -> Result<js_sys::Function> {
    value
        .dyn_into::<js_sys::Function>()
        .map_err(|_| Error::invalid(field, "must be a function"))
}
