//! A response body wherever it lives: a Rust `String` on the host, a JS string in wasm.

use crate::core::json::Json;
use crate::core::response::Text;

/// A response body as a runtime holds it, and the JSON values it parses to.
///
/// The engine never copies a body into Rust types it does not need: in wasm the text stays a JS
/// string, is checked against the spec from its bytes, and is parsed by the runtime's own parser.
pub trait Body: Text + Clone + 'static {
    /// What this body's JSON parses to.
    type Json: Json;

    /// The UTF-8 bytes, for the schema check.
    fn to_bytes(&self) -> Vec<u8>;

    /// The body parsed as JSON, or `None` when it is not JSON.
    fn parse(&self) -> Option<Self::Json>;

    /// A body holding `value` as JSON text (a status found by a check, answered as if created),
    /// with the headers `answer`'s body came with.
    fn from_json(value: &Self::Json, answer: &Self) -> Self;

    /// Whether two bodies hold the same text.
    fn same_text(&self, other: &Self) -> bool;

    /// An empty body (a 204 the engine answers for itself).
    fn empty() -> Self;

    /// Every header of the answer this body came with, for an error, when the runtime kept only
    /// the engine's in [`HttpResponse::headers`](crate::HttpResponse); `None`: those are all.
    fn all_headers(&self) -> Option<Vec<(String, String)>> {
        None
    }

    /// This cached body as the answer to a 304: the 304's headers (`fresh`'s) over the cached
    /// ones, where the runtime keeps headers with the body.
    #[must_use]
    fn refreshed(self, fresh: &Self) -> Self {
        let _ = fresh;
        self
    }
}

impl Body for String {
    type Json = serde_json::Value;

    fn to_bytes(&self) -> Vec<u8> {
        self.clone().into_bytes()
    }

    fn parse(&self) -> Option<serde_json::Value> {
        serde_json::from_str(self).ok()
    }

    fn from_json(value: &serde_json::Value, _: &String) -> String {
        value.to_string()
    }

    fn same_text(&self, other: &String) -> bool {
        self == other
    }

    fn empty() -> String {
        String::new()
    }
}
