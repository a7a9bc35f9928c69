//! The engine: what drives an operation (attempts, waits, retries, the 304 merge, the create
//! check, paging, watch), reaching the outside only through a [`Runtime`].
//!
//! Decisions are functions of (state, answer, now) in `policy`, `cache` and `pagination`; the
//! drivers here only sequence them, so a scripted runtime with a virtual clock tests every wait
//! and retry on the host.

mod create;
mod decoder;
mod pages;
mod send;
mod watch;

pub use crate::core::client::Limits;
pub use create::create;
pub use decoder::{Checked, Counted, Decoder, Typed};
pub use pages::Pages;
pub use send::{get, send, Failure};
pub use watch::watch;

use crate::core::body::Body;
use crate::core::error::Result;
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
}
