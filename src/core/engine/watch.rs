//! Watching a list for changes: ETag polling at the caller's pace or GitHub's, whichever is slower.

use super::send::get;
use super::{pause, Answer, Decoder, Runtime};
use crate::core::body::Body;
use crate::core::client::Client;
use crate::core::error::{Error, Result};
use crate::core::request::HttpRequest;
use crate::core::schema::Schema;
use crate::core::validate;

/// What a poll hands on: the answer and its decoded list, the first time and when it changed.
pub type OnChange<'f, R, D> =
    dyn FnMut(&Answer<R>, <D as Decoder<<R as Runtime>::Body>>::Output) -> Result<()> + 'f;

/// Polls `request` with ETags and calls `on_change` when the list changed, until the runtime's
/// cancellation fires.
///
/// Waits `interval_ms` (at least [`validate::MIN_WATCH_INTERVAL_MS`]) between polls, or longer when
/// GitHub's `X-Poll-Interval` asks for it.
/// Resolves when cancelled; rejects with the first error retries could not fix, or the first
/// error `on_change` returns.
pub async fn watch<R: Runtime, D: Decoder<R::Body>>(
    runtime: &R,
    client: &Client<R::Body>,
    request: &HttpRequest,
    interval_ms: u64,
    on_change: &mut OnChange<'_, R, D>,
) -> Result<()> {
    match poll::<R, D>(runtime, client, request, interval_ms, on_change).await {
        Err(Error::Abort) => Ok(()),
        polled => polled,
    }
}

/// The polling loop of [`watch`] and [`super::wait_for`]: ends only with an error (`Error::Abort`
/// when cancelled, or what `on_change` returns to stop it).
///
/// `on_change` is a trait object so that one copy of the loop serves every caller.
pub(super) async fn poll<R: Runtime, D: Decoder<R::Body>>(
    runtime: &R,
    client: &Client<R::Body>,
    request: &HttpRequest,
    interval_ms: u64,
    on_change: &mut OnChange<'_, R, D>,
) -> Result<()> {
    validate::watch_interval_ms(interval_ms)?;
    let mut last_etag: Option<String> = None;
    let mut last_body: Option<R::Body> = None;
    loop {
        let (answer, items) = get::<R, D>(runtime, client, request, Schema::StatusList).await?;
        let etag = answer.header("etag").map(str::to_owned);
        let unchanged = last_body.as_ref().is_some_and(|last| {
            answer.status == 304
                || (etag.is_some() && etag == last_etag)
                || last.same_text(&answer.body)
        });
        if !unchanged {
            on_change(&answer, items)?;
            last_etag = etag;
            last_body = Some(answer.body.clone());
        }
        let poll_s = answer.header_number("x-poll-interval").unwrap_or(0);
        pause(runtime, interval_ms.max(poll_s.saturating_mul(1000))).await?;
    }
}
