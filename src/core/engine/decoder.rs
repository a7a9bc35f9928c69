//! Turning a 2xx body into what the caller wants: spec-checked JSON, or serde's typed model.

use crate::core::body::Body;
use crate::core::decode::decode_body;
use crate::core::error::{Error, Result};
use crate::core::json::Json;
use crate::core::model::{
    CreatedDeployment, Deployment, DeploymentStatus, Environment, EnvironmentList,
};
use crate::core::response::HttpResponse;
use crate::core::schema::{self, Schema};
use serde::de::DeserializeOwned;
use std::marker::PhantomData;

/// Turns a 2xx body held as `B` into a value; fails with `DecodeError`.
pub trait Decoder<B> {
    /// The decoded value.
    type Output;
    /// One item of a decoded list.
    type Item;
    /// Decodes a body that must fit `schema`.
    fn decode(answer: &HttpResponse<B>, schema: Schema) -> Result<Self::Output>;
    /// How many items a decoded list holds (an environments page: its `environments`).
    fn count(output: &Self::Output) -> usize;
    /// The `id` of a decoded single value.
    fn id(output: &Self::Output) -> Option<u64>;
    /// The items of a decoded list (an environments page: its `environments`).
    fn into_items(output: Self::Output) -> Vec<Self::Item>;
    /// An item's `id`.
    fn item_id(item: &Self::Item) -> Option<u64>;
    /// An item's text field `key`: `name`, `environment`, `state`.
    fn item_text(item: &Self::Item, key: &str) -> Option<String>;
}

/// The body checked against the spec in one pass over its bytes, then parsed by the runtime's
/// own JSON parser (`JSON.parse` in wasm); unknown fields are kept.
#[derive(Debug)]
pub struct Checked;

impl<B: Body> Decoder<B> for Checked {
    type Output = B::Json;
    type Item = B::Json;

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
        match output.field("environments") {
            Some(environments) => environments.item_count(),
            None => output.item_count(),
        }
    }

    fn id(output: &B::Json) -> Option<u64> {
        output.field("id")?.number().map(|id| id as u64)
    }

    fn into_items(output: B::Json) -> Vec<B::Json> {
        match output.field("environments") {
            Some(environments) => environments.items(),
            None => output.items(),
        }
    }

    fn item_id(item: &B::Json) -> Option<u64> {
        <Self as Decoder<B>>::id(item)
    }

    fn item_text(item: &B::Json, key: &str) -> Option<String> {
        item.field(key)?.string()
    }
}

/// serde into the crate's typed model (the Rust API).
#[derive(Debug)]
pub struct Typed<T>(PhantomData<T>);

impl<B: Body, T: DeserializeOwned + Counted> Decoder<B> for Typed<T> {
    type Output = T;
    type Item = T::Item;

    fn decode(answer: &HttpResponse<B>, _: Schema) -> Result<T> {
        decode_body(answer)
    }

    fn count(output: &T) -> usize {
        output.count()
    }

    fn id(output: &T) -> Option<u64> {
        output.id()
    }

    fn into_items(output: T) -> Vec<T::Item> {
        output.into_items()
    }

    fn item_id(item: &T::Item) -> Option<u64> {
        Some(item.id())
    }

    fn item_text(item: &T::Item, key: &str) -> Option<String> {
        item.text(key).map(str::to_owned)
    }
}

/// How many items a typed value holds, its items, and a single value's id.
pub trait Counted {
    /// What a list holds (a single value: itself).
    type Item: Item;
    /// The number of items (1 for a single value).
    fn count(&self) -> usize;
    /// The id of a single value.
    fn id(&self) -> Option<u64>;
    /// The items (a single value: itself).
    fn into_items(self) -> Vec<Self::Item>;
}

/// What the engine reads of a typed item: its id and a few text fields.
pub trait Item {
    /// The `id`.
    fn id(&self) -> u64;
    /// The text field `key` (`name`, `environment`, `state`, `created_at`), if the item has it.
    fn text(&self, key: &str) -> Option<&str>;
}

impl<T: Item> Counted for Vec<T> {
    type Item = T;

    fn count(&self) -> usize {
        self.len()
    }

    fn id(&self) -> Option<u64> {
        None
    }

    fn into_items(self) -> Vec<T> {
        self
    }
}

/// A single value counts as one item, itself.
macro_rules! single {
    ($($t:ty),*) => {$(
        impl Counted for $t {
            type Item = $t;

            fn count(&self) -> usize {
                1
            }

            fn id(&self) -> Option<u64> {
                Some(self.id)
            }

            fn into_items(self) -> Vec<$t> {
                vec![self]
            }
        }
    )*};
}
single!(DeploymentStatus, Deployment);

impl Counted for EnvironmentList {
    type Item = Environment;

    fn count(&self) -> usize {
        self.environments.len()
    }

    fn id(&self) -> Option<u64> {
        None
    }

    fn into_items(self) -> Vec<Environment> {
        self.environments
    }
}

impl Counted for CreatedDeployment {
    type Item = Deployment;

    fn count(&self) -> usize {
        1
    }

    fn id(&self) -> Option<u64> {
        match self {
            CreatedDeployment::Created(deployment) => Some(deployment.id),
            CreatedDeployment::Merged { .. } => None,
        }
    }

    fn into_items(self) -> Vec<Deployment> {
        match self {
            CreatedDeployment::Created(deployment) => vec![*deployment],
            CreatedDeployment::Merged { .. } => Vec::new(),
        }
    }
}

impl Item for DeploymentStatus {
    fn id(&self) -> u64 {
        self.id
    }

    fn text(&self, key: &str) -> Option<&str> {
        match key {
            "state" => Some(self.state.as_str()),
            "environment" => self.environment.as_deref(),
            "created_at" => Some(&self.created_at),
            _ => None,
        }
    }
}

impl Item for Deployment {
    fn id(&self) -> u64 {
        self.id
    }

    fn text(&self, key: &str) -> Option<&str> {
        match key {
            "environment" => Some(&self.environment),
            "ref" => Some(&self.git_ref),
            "created_at" => Some(&self.created_at),
            _ => None,
        }
    }
}

impl Item for Environment {
    fn id(&self) -> u64 {
        self.id
    }

    fn text(&self, key: &str) -> Option<&str> {
        match key {
            "name" => Some(&self.name),
            "created_at" => Some(&self.created_at),
            _ => None,
        }
    }
}
