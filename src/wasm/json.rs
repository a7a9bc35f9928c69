//! JS values as [`Json`]: read through `Reflect` and `typeof`, never converted wholesale; `JSON`'s
//! parse and stringify bound once.

use crate::core::json::{Json, Kind};
use js_sys::{Array, JsString, Reflect};
use std::borrow::Cow;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &JsString) -> Result<JsValue, JsValue>;
    /// `JSON.stringify` of a caller's value, caught: it may hold anything.
    #[wasm_bindgen(js_namespace = JSON, js_name = stringify, catch)]
    fn try_stringify(value: &JsValue) -> Result<JsValue, JsValue>;
}

thread_local! {
    /// Property names already made into JS strings, so each crosses into JS only once. Each
    /// string lives as long as the module (at most `MAX_KEYS` of them), so a name is handed out
    /// by reference: no clone and drop of the JS reference per use.
    static KEYS: std::cell::RefCell<Vec<(Box<str>, &'static JsValue)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Names kept; the crate uses about fifty, and unknown names from callers may not crowd them out.
const MAX_KEYS: usize = 64;

/// `name` as a JS string, made once per name: kept for the module's life, or past `MAX_KEYS`
/// one of its own.
pub fn key(name: &str) -> Cow<'static, JsValue> {
    KEYS.with(|keys| {
        let found = keys
            .borrow()
            .iter()
            .find(|(k, _)| **k == *name)
            .map(|(_, js)| *js);
        if let Some(kept) = found {
            return Cow::Borrowed(kept);
        }
        let js = JsValue::from_str(name);
        let mut keys = keys.borrow_mut();
        if keys.len() >= MAX_KEYS {
            return Cow::Owned(js);
        }
        let kept: &'static JsValue = Box::leak(Box::new(js));
        keys.push((name.into(), kept));
        Cow::Borrowed(kept)
    })
}

/// `JSON.parse` of a JS string, without copying it through wasm memory.
pub fn parse_text(text: &JsString) -> Option<JsValue> {
    json_parse(text).ok()
}

/// The value as an array, if it is one (and no revoked Proxy).
pub fn as_array(value: &JsValue) -> Option<&Array> {
    matches!(is_array(value), Ok(true)).then(|| value.unchecked_ref())
}

#[wasm_bindgen]
extern "C" {
    /// `Object.keys`, caught: a Proxy or a revoked Proxy may throw.
    #[wasm_bindgen(js_namespace = Object, js_name = keys, catch)]
    fn own_keys(value: &JsValue) -> Result<Array, JsValue>;
    /// `Array.isArray`, caught: a revoked Proxy throws.
    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
}

/// What an unreadable property reads as: a value no field accepts, so validation names it.
fn unreadable() -> JsValue {
    js_sys::Symbol::for_("github-deployment-status: unreadable").into()
}

impl Json for JsValue {
    fn kind(&self) -> Kind {
        if self.is_null() || self.is_undefined() {
            Kind::Null
        } else if self.is_string() {
            Kind::String
        } else if self.as_f64().is_some() {
            Kind::Number
        } else if self.as_bool().is_some() {
            Kind::Bool
        } else if !self.is_object() || self.is_function() {
            Kind::Other
        } else {
            match is_array(self) {
                Ok(true) => Kind::Array,
                // An object whose keys cannot even be listed is no object to read.
                Ok(false) if own_keys(self).is_ok() => Kind::Object,
                _ => Kind::Other,
            }
        }
    }

    fn is(&self, kind: Kind) -> bool {
        match kind {
            Kind::Null => self.is_null() || self.is_undefined(),
            Kind::String => self.is_string(),
            Kind::Number => self.as_f64().is_some(),
            Kind::Bool => self.as_bool().is_some(),
            _ => self.kind() == kind,
        }
    }

    fn field(&self, key_name: &str) -> Option<Self> {
        if !self.is_object() {
            return None;
        }
        match Reflect::get(self, &key(key_name)) {
            Ok(value) if value.is_undefined() => None,
            Ok(value) => Some(value),
            // A throwing getter: present, but of no type any field takes.
            Err(_) => Some(unreadable()),
        }
    }

    fn keys(&self) -> Vec<String> {
        if !self.is_object() {
            return Vec::new();
        }
        // No value is read here: callers read the values they need with `field`, which
        // tells `undefined` (absent) from a real value.
        own_keys(self)
            .map(|keys| keys.iter().filter_map(|key| key.as_string()).collect())
            .unwrap_or_default()
    }

    fn string(&self) -> Option<String> {
        self.as_string()
    }

    fn number(&self) -> Option<f64> {
        self.as_f64()
    }

    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }

    fn to_text(&self) -> Option<String> {
        try_stringify(self).ok()?.as_string()
    }

    fn items(&self) -> Vec<Self> {
        as_array(self)
            .map(|array| array.iter().collect())
            .unwrap_or_default()
    }

    fn item_count(&self) -> usize {
        as_array(self).map_or(0, |array| array.length() as usize)
    }
}
