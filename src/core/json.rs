//! One read-only view of parsed JSON for both worlds: `serde_json::Value` here, JS values in wasm.
//!
//! Validation, error bodies and duplicate detection are written once against [`Json`], so the code
//! that runs on JS objects in the npm package is the code the native tests exercise.

/// The kind of a JSON value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `null` (and, in JS, `undefined`).
    Null,
    /// `true` or `false`.
    Bool,
    /// A number.
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// An object.
    Object,
    /// Anything JSON cannot hold: a function, symbol or bigint.
    Other,
}

/// A parsed JSON value, read without copying it into Rust types first.
pub trait Json: Sized {
    /// What kind of value this is.
    fn kind(&self) -> Kind;
    /// Whether this is a value of `kind` (cheaper than [`Json::kind`] for JS values).
    fn is(&self, kind: Kind) -> bool {
        self.kind() == kind
    }
    /// An object's field; `None` when absent (or, in JS, `undefined`).
    fn field(&self, key: &str) -> Option<Self>;
    /// An object's own enumerable keys; in JS a key's value may be `undefined` (see [`Json::field`]).
    fn keys(&self) -> Vec<String>;
    /// The string, if this is one.
    fn string(&self) -> Option<String>;
    /// The number, if this is one.
    fn number(&self) -> Option<f64>;
    /// The boolean, if this is one.
    fn boolean(&self) -> Option<bool>;
    /// An array's items; empty for anything else.
    fn items(&self) -> Vec<Self>;
    /// The value as JSON text; `None` when JSON cannot hold it (a cycle, a BigInt, a function).
    fn to_text(&self) -> Option<String>;
    /// How many items an array holds; 0 for anything else.
    fn item_count(&self) -> usize {
        self.items().len()
    }
}

impl Json for serde_json::Value {
    fn kind(&self) -> Kind {
        match self {
            serde_json::Value::Null => Kind::Null,
            serde_json::Value::Bool(_) => Kind::Bool,
            serde_json::Value::Number(_) => Kind::Number,
            serde_json::Value::String(_) => Kind::String,
            serde_json::Value::Array(_) => Kind::Array,
            serde_json::Value::Object(_) => Kind::Object,
        }
    }

    fn field(&self, key: &str) -> Option<Self> {
        self.as_object()?.get(key).cloned()
    }

    fn keys(&self) -> Vec<String> {
        self.as_object()
            .map(|map| map.keys().cloned().collect())
            .unwrap_or_default()
    }

    fn string(&self) -> Option<String> {
        self.as_str().map(str::to_owned)
    }

    fn number(&self) -> Option<f64> {
        self.as_f64()
    }

    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }

    fn items(&self) -> Vec<Self> {
        self.as_array().cloned().unwrap_or_default()
    }

    fn to_text(&self) -> Option<String> {
        Some(self.to_string())
    }
}
