//! The engine: what drives an operation (attempts, waits, retries, the 304 merge, the create
//! check, paging, watch), reaching the outside only through a [`Runtime`].
//!
//! Decisions are functions of (state, answer, now) in `policy`, `cache` and `pagination`; the
//! drivers here only sequence them, so a scripted runtime with a virtual clock tests every wait
//! and retry on the host.

mod create;
mod decoder;
mod delete;
mod join;
mod overview;
mod pages;
mod send;
mod wait;
mod watch;

pub use crate::core::client::Limits;
pub use create::{create, NewResource};
pub use decoder::{Checked, Counted, Decoder, Item, Typed};
pub use delete::delete;
pub use overview::{overview, Row};
pub use pages::Pages;
pub use send::{get, send, Failure};
pub use wait::wait_for;
pub use watch::watch;

use crate::core::body::Body;
use crate::core::error::{Error, Result};
use crate::core::request::HttpRequest;
use crate::core::response::HttpResponse;
use std::future::Future;

/// An answer as a runtime hands it over, its body still in the runtime's form.
pub type Answer<R> = HttpResponse<<R as Runtime>::Body>;

/// What the engine needs from the world: send one request, wait, the time, randomness.
///
/// A runtime carries the caller's cancellation: once it fires, [`Runtime::send`] and
/// [`Runtime::sleep`] fail with `Error::Abort`.
///
/// Futures are not required to be `Send`: the JS runtime's are not.
pub trait Runtime {
    /// How this runtime holds a response body.
    type Body: Body;

    /// Sends one attempt of `request`; the answer's body is read within the limits too.
    ///
    /// Fails with `Error::Timeout`, `Error::Abort` or `Error::Network` when no answer came, and
    /// with `Error::Decode` when the body outgrows `limits.max_body_bytes` (it stops reading
    /// there, and the connection is dropped).
    fn send(
        &self,
        request: &HttpRequest,
        limits: Limits,
    ) -> impl Future<Output = Result<Answer<Self>>>;

    /// Waits `ms` milliseconds; fails with `Error::Abort` at once when the caller cancels.
    fn sleep(&self, ms: u64) -> impl Future<Output = Result<()>>;

    /// Milliseconds since the Unix epoch.
    fn now_ms(&self) -> u64;

    /// A number in [0, 1) for backoff jitter.
    fn random(&self) -> f64;

    /// The bound the whole call must end within, if it has one; the engine keeps every attempt
    /// and wait inside it (see [`attempt`] and [`pause`]).
    fn deadline(&self) -> Option<Deadline> {
        None
    }
}

/// When a whole call must have ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline {
    /// The end, in milliseconds since the Unix epoch.
    pub at_ms: u64,
    /// The caller's bound it comes from (`timeoutMs`), for the error.
    pub timeout_ms: u64,
}

impl Deadline {
    /// The end of a call bounded to `timeout_ms` from `now_ms`.
    pub fn after(now_ms: u64, timeout_ms: u64) -> Deadline {
        Deadline {
            at_ms: now_ms.saturating_add(timeout_ms),
            timeout_ms,
        }
    }

    /// The error of a call this deadline ended.
    fn passed(self) -> Error {
        Error::Deadline {
            timeout_ms: self.timeout_ms,
        }
    }
}

/// `runtime` with a deadline: every attempt and wait of a call through it ends within
/// `timeout_ms` of [`Within::new`], or the call fails with `Error::Deadline`.
#[derive(Debug, Clone)]
pub struct Within<R> {
    runtime: R,
    deadline: Deadline,
}

impl<R: Runtime> Within<R> {
    /// `runtime`, bounded to `timeout_ms` from now.
    pub fn new(runtime: R, timeout_ms: u64) -> Within<R> {
        Within {
            deadline: Deadline::after(runtime.now_ms(), timeout_ms),
            runtime,
        }
    }
}

impl<R: Runtime> Runtime for Within<R> {
    type Body = R::Body;

    fn send(
        &self,
        request: &HttpRequest,
        limits: Limits,
    ) -> impl Future<Output = Result<Answer<Self>>> {
        self.runtime.send(request, limits)
    }

    fn sleep(&self, ms: u64) -> impl Future<Output = Result<()>> {
        self.runtime.sleep(ms)
    }

    fn now_ms(&self) -> u64 {
        self.runtime.now_ms()
    }

    fn random(&self) -> f64 {
        self.runtime.random()
    }

    fn deadline(&self) -> Option<Deadline> {
        Some(self.deadline)
    }
}

/// Sends one attempt through `runtime` within `limits` and what is left of its deadline; an
/// attempt the deadline cut short fails with `Error::Deadline`.
pub async fn attempt<R: Runtime>(
    runtime: &R,
    request: &HttpRequest,
    mut limits: Limits,
) -> Result<Answer<R>> {
    let Some(deadline) = runtime.deadline() else {
        return runtime.send(request, limits).await;
    };
    let left = left_ms(runtime, deadline)?;
    let cut = u64::from(limits.timeout_ms) > left;
    if cut {
        limits.timeout_ms = left as u32;
    }
    match runtime.send(request, limits).await {
        Err(Error::Timeout { .. }) if cut => Err(deadline.passed()),
        sent => sent,
    }
}

/// Waits `ms` through `runtime`, or fails with `Error::Deadline` once its deadline comes first.
pub async fn pause<R: Runtime>(runtime: &R, ms: u64) -> Result<()> {
    let Some(deadline) = runtime.deadline() else {
        return runtime.sleep(ms).await;
    };
    let left = left_ms(runtime, deadline)?;
    if ms < left {
        return runtime.sleep(ms).await;
    }
    runtime.sleep(left).await?;
    Err(deadline.passed())
}

/// Milliseconds left before `deadline`; `Error::Deadline` when none are.
fn left_ms<R: Runtime>(runtime: &R, deadline: Deadline) -> Result<u64> {
    match deadline.at_ms.saturating_sub(runtime.now_ms()) {
        0 => Err(deadline.passed()),
        left => Ok(left),
    }
}

/// A borrowed runtime is a runtime: pages and watches can share one without owning it.
impl<T: Runtime> Runtime for &T {
    type Body = T::Body;

    fn send(
        &self,
        request: &HttpRequest,
        limits: Limits,
    ) -> impl Future<Output = Result<Answer<Self>>> {
        (**self).send(request, limits)
    }

    fn sleep(&self, ms: u64) -> impl Future<Output = Result<()>> {
        (**self).sleep(ms)
    }

    fn now_ms(&self) -> u64 {
        (**self).now_ms()
    }

    fn random(&self) -> f64 {
        (**self).random()
    }

    fn deadline(&self) -> Option<Deadline> {
        (**self).deadline()
    }
}
