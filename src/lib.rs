//! A typed client for GitHub's REST *deployment statuses* API, for WebAssembly.
//!
//! The same code runs in browsers, web workers, Cloudflare Workers and Node (through the npm
//! package `github-deployment-status`) and in Rust wasm apps (through this crate).
//!
//! # Features
//!
//! - The three operations: [`create`](DeploymentStatusesHandler::create),
//!   [`list`](DeploymentStatusesHandler::list) and [`get`](DeploymentStatusesHandler::get).
//! - Every input checked before anything is sent ([`Error::Validation`] names the field).
//! - Typed errors for GitHub's refusals ([`Error::Http`]), the network, timeouts, aborts and
//!   bodies that do not match the spec.
//! - Rate-limit headers parsed on every answer ([`RateLimit`]).
//! - github.com and GitHub Enterprise Server (`https://HOST/api/v3`).
//! - The token never appears in `Debug` output or errors.
//!
//! Request building, validation and decoding are plain Rust with no JS types, so they work
//! (and are tested) on any target; sending needs `wasm32-unknown-unknown` and a JS runtime.
//!
//! # Examples
//!
//! ```
//! use github_deployment_status::{Client, State};
//!
//! let client = Client::builder().auth("ghp_example").build()?;
//! let statuses = client.deployment_statuses("octo-org", "hello-world", 42);
//! let request = statuses.create(State::InProgress).log_url("https://ci.example.com/run/7").request()?;
//! assert_eq!(request.method.as_str(), "POST");
//! assert!(!format!("{request:?}").contains("ghp_example"));
//!
//! let bad = statuses.create(State::Failure).description("x".repeat(141)).request();
//! assert!(matches!(bad, Err(github_deployment_status::Error::Validation { .. })));
//! # Ok::<(), github_deployment_status::Error>(())
//! ```
//!
//! On `wasm32`, each builder also has `signal(&AbortSignal)` and `async fn send()`:
//!
//! ```ignore
//! let created = client
//!     .deployment_statuses("octo-org", "hello-world", 42)
//!     .create(State::Success)
//!     .environment_url("https://example.com")
//!     .send()
//!     .await?;
//! println!("status {} is {}", created.data.id, created.data.state);
//! ```

mod cache;
mod client;
mod error;
pub mod json;
mod model;
pub mod pagination;
pub mod params;
pub mod policy;
pub mod request;
mod response;
pub mod schema;
mod statuses;
mod validate;

#[cfg(target_arch = "wasm32")]
mod create;
#[cfg(target_arch = "wasm32")]
mod js;
#[cfg(target_arch = "wasm32")]
mod pages;
#[cfg(target_arch = "wasm32")]
mod send;
#[cfg(target_arch = "wasm32")]
mod transport;

#[cfg(all(target_arch = "wasm32", feature = "size-class-alloc"))]
mod size_classes;

/// The npm package's allocator (see `size_classes`).
#[cfg(all(target_arch = "wasm32", feature = "size-class-alloc"))]
#[global_allocator]
static ALLOCATOR: size_classes::SizeClasses = size_classes::SizeClasses::new();

#[cfg(target_arch = "wasm32")]
pub use statuses::StatusPages;

pub use cache::{CachedBody, EtagCache, DEFAULT_CACHE_ENTRIES};
pub use client::{
    Client, ClientBuilder, DEFAULT_API_VERSION, DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS,
    DEFAULT_USER_AGENT,
};
pub use error::{Error, FieldError, HttpError, RequestSummary, Result};
pub use model::{AppOwner, DeploymentStatus, Enterprise, Integration, SimpleUser, State};
pub use request::{push_segment, HttpRequest, Method, NewStatus, StatusesPath};
pub use response::{check_status, decode_body, HttpResponse, Links, RateLimit, Response, Text};
pub use statuses::{
    CreateStatusBuilder, DeploymentStatusesHandler, GetStatusBuilder, ListStatusesBuilder,
};
pub use validate::{MAX_DESCRIPTION_CHARS, MAX_SAFE_INTEGER};
