//! Everything that is not JS: plain Rust, tested on the host.
//!
//! Data flows one way: params → validate → request (plain data) → engine ⇄ runtime → response
//! (plain data) → decode → typed value or [`error::Error`]. Nothing here names a JS type; the
//! runtime that reaches the network is a trait ([`engine::Runtime`]).

pub mod body;
pub mod cache;
pub mod client;
pub mod decode;
pub mod deployment_params;
pub mod deployment_requests;
pub mod deployments;
pub mod engine;
pub mod error;
pub mod json;
pub mod listing;
pub mod model;
pub mod pagination;
pub mod params;
pub mod policy;
pub mod redirect;
pub mod request;
pub mod response;
pub mod retry;
pub mod schema;
pub mod statuses;
pub mod text;
pub mod validate;
