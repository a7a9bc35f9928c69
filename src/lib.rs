//! A typed client for GitHub's REST *deployments* API (deployments, their statuses and
//! environments), for WebAssembly.
//!
//! The same code runs in browsers, web workers, Cloudflare Workers and Node (through the npm
//! package `github-deployment-status`) and in Rust wasm apps (through this crate).
//!
//! # Features
//!
//! - Deployments ([`DeploymentsHandler`]): list, get, create (exactly once) and delete.
//! - Their statuses ([`DeploymentStatusesHandler`]): [`create`](DeploymentStatusesHandler::create),
//!   [`list`](DeploymentStatusesHandler::list) and [`get`](DeploymentStatusesHandler::get).
//! - Environments ([`EnvironmentsHandler`]), and each one's latest deployment and status in a few
//!   requests ([`overview_with`](DeploymentsHandler::overview_with)).
//! - Every page of any list, lazily or at once; waiting for a deployment's final status
//!   ([`wait_with`](DeploymentStatusesHandler::wait_with)).
//! - Every input checked before anything is sent ([`Error::Validation`] names the field).
//! - Typed errors for GitHub's refusals ([`Error::Http`]), the network, timeouts, aborts and
//!   bodies that do not match the spec.
//! - Rate-limit headers parsed on every answer ([`RateLimit`]).
//! - github.com and GitHub Enterprise Server (`https://HOST/api/v3`).
//! - The token never appears in `Debug` output or errors.
//!
//! Everything but the JS edge is plain Rust (`core`): validation, requests, decoding, errors, and
//! the engine that drives each operation (retries, rate-limit waits, the ETag cache, the create
//! check, paging, watch, waiting, the overview) through a small [`Runtime`] trait. It works and is
//! tested on any target; in wasm the JS runtime (`fetch`, timers, `AbortSignal`) plugs in, and
//! every builder's `send_with` takes any other runtime, such as a scripted one in tests.
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
//!
//! let deployments = client.deployments("octo-org", "hello-world");
//! let request = deployments.create("main").environment("staging").request()?;
//! assert_eq!(request.url, "https://api.github.com/repos/octo-org/hello-world/deployments");
//! # Ok::<(), github_deployment_status::Error>(())
//! ```
//!
//! On `wasm32`, each builder also has `async fn send()` through the JS runtime, and
//! `signal(&AbortSignal)`:
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

mod core;

// The only place that chooses by target: the JS edge and the npm package's allocator.
#[cfg(target_arch = "wasm32")]
mod wasm;

#[cfg(target_arch = "wasm32")]
pub use wasm::{Cancellable, JsBody, JsRuntime, JsStatusPages};

pub use crate::core::body::Body;
pub use crate::core::cache::{CachedBody, EtagCache, DEFAULT_CACHE_ENTRIES};
pub use crate::core::client::{
    DEFAULT_API_VERSION, DEFAULT_BASE_URL, DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT_MS,
    DEFAULT_USER_AGENT, FALLBACK_API_VERSION,
};

/// How this target's runtime holds a response body, and so what a [`Client`]'s ETag cache keeps.
#[cfg(target_arch = "wasm32")]
pub type NativeBody = wasm::JsBody;
/// How this target's runtime holds a response body, and so what a [`Client`]'s ETag cache keeps.
#[cfg(not(target_arch = "wasm32"))]
pub type NativeBody = String;

/// A configured connection to one GitHub API; see [`core::client::Client`](crate::engine).
pub type Client = crate::core::client::Client<NativeBody>;
/// Builds a [`Client`]; every setting is checked by `build`.
pub type ClientBuilder = crate::core::client::ClientBuilder<NativeBody>;
pub use crate::core::decode::{check_status, decode_body};
pub use crate::core::deployment_requests::{DeploymentFilter, NewDeployment};
pub use crate::core::deployments::{
    CreateDeploymentBuilder, DeleteDeploymentBuilder, DeploymentsHandler, EnvironmentsHandler,
    GetDeploymentBuilder, ListDeploymentsBuilder, ListEnvironmentsBuilder,
};
pub use crate::core::engine::Runtime;
pub use crate::core::error::{Cause, Error, FieldError, HttpError, RequestSummary, Result};
pub use crate::core::listing::ListPages;
pub use crate::core::model::{
    AppOwner, CreatedDeployment, Deployment, DeploymentBranchPolicy, DeploymentStatus, Enterprise,
    Environment, EnvironmentList, EnvironmentOverview, Integration, SimpleUser, State,
};
pub use crate::core::request::{
    push_segment, HttpRequest, Method, NewStatus, RepoPath, StatusesPath,
};
pub use crate::core::response::{HttpResponse, Links, RateLimit, Response, Text, ENGINE_HEADERS};
pub use crate::core::statuses::{
    CreateStatusBuilder, DeploymentStatusesHandler, GetStatusBuilder, ListStatusesBuilder,
    StatusPages,
};
pub use crate::core::validate::{MAX_DESCRIPTION_CHARS, MAX_SAFE_INTEGER, MIN_WATCH_INTERVAL_MS};
pub use crate::core::{
    deployment_params, deployment_requests, engine, json, pagination, params, policy, request,
    schema,
};
