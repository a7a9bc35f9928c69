//! Turning a 2xx body into what the caller wants: spec-checked JSON, or serde's typed model.

use crate::core::body::Body;
use crate::core::decode::decode_body;
use crate::core::error::{Error, Result};
use crate::core::json::Json;
use crate::core::model::DeploymentStatus;
use crate::core::response::HttpResponse;
use crate::core::schema::{self, Schema};
use serde::de::DeserializeOwned;
use std::marker::PhantomData;

/// Turns a 2xx body held as `B` into a value; fails with `DecodeError`.
pub trait Decoder<B> {
    /// The decoded value.
    type Output;
    /// Decodes a body that must fit `schema`.
    fn decode(answer: &HttpResponse<B>, schema: Schema) -> Result<Self::Output>;
    /// How many items a decoded list holds.
    fn count(output: &Self::Output) -> usize;
    /// The `id` of a decoded single value.
    fn id(output: &Self::Output) -> Option<u64>;
}

/// The body checked against the spec in one pass over its bytes, then parsed by the runtime's
/// own JSON parser (`JSON.parse` in wasm); unknown fields are kept.
#[derive(Debug)]
pub struct Checked;

impl<B: Body> Decoder<B> for Checked {
    type Output = B::Json;

    fn decode(answer: &HttpResponse<B>, schema: Schema) -> Result<B::Json> {
        let decode_error = |message: String| Error::Decode {
            status: answer.status,
            message,
        };
        schema::check(&answer.body.to_bytes(), schema).map_err(decode_error)?;
        answer
            .body
            .parse()
            .ok_or_else(|| decode_error("the body is not JSON".to_owned()))
    }

    fn count(output: &B::Json) -> usize {
        output.item_count()
    }

    fn id(output: &B::Json) -> Option<u64> {
        output.field("id")?.number().map(|id| id as u64)
    }
}

/// serde into the crate's typed model (the Rust API).
#[derive(Debug)]
pub struct Typed<T>(PhantomData<T>);

impl<B: Body, T: DeserializeOwned + Counted> Decoder<B> for Typed<T> {
    type Output = T;

    fn decode(answer: &HttpResponse<B>, _: Schema) -> Result<T> {
        decode_body(answer)
    }

    fn count(output: &T) -> usize {
        output.count()
    }

    fn id(output: &T) -> Option<u64> {
        output.id()
    }
}

/// How many items a typed value holds, and a single value's id.
pub trait Counted {
    /// The number of items (1 for a single value).
    fn count(&self) -> usize;
    /// The id of a single value.
    fn id(&self) -> Option<u64>;
}

impl<T> Counted for Vec<T> {
    fn count(&self) -> usize {
        self.len()
    }

    fn id(&self) -> Option<u64> {
        None
    }
}

impl Counted for DeploymentStatus {
    fn count(&self) -> usize {
        1
    }

    fn id(&self) -> Option<u64> {
        Some(self.id)
    }
}
