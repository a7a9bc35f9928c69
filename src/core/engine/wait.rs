//! Waiting for a deployment to end: ETag polling of its newest statuses until one is final.

use super::send::get;
use super::{pause, Decoder, Runtime};
use crate::core::client::Client;
use crate::core::error::Result;
use crate::core::model::State;
use crate::core::request::HttpRequest;
use crate::core::schema::Schema;
use crate::core::validate;

/// Polls `request` (a deployment's newest statuses) until a final status (`success`, `failure`,
/// `error`, `inactive`) appears, and resolves with the first one.
///
/// The first poll looks at the newest status only (an older final one may have been followed by a
/// new run); each later poll hands `on_status` the statuses that are new since, oldest first.
/// Waits `interval_ms` (at least [`validate::MIN_WATCH_INTERVAL_MS`]) between polls, or longer when
/// GitHub's `X-Poll-Interval` asks for it. The runtime's deadline and cancellation end it.
pub async fn wait_for<R: Runtime, D: Decoder<R::Body>>(
    runtime: &R,
    client: &Client<R::Body>,
    request: &HttpRequest,
    interval_ms: u64,
    mut on_status: impl FnMut(&D::Item) -> Result<()>,
) -> Result<D::Item> {
    validate::watch_interval_ms(interval_ms)?;
    let mut newest_seen: Option<u64> = None;
    loop {
        let (answer, page) = get::<R, D>(runtime, client, request, Schema::StatusList).await?;
        let mut items = D::into_items(page);
        let new = match newest_seen {
            None => items.len().min(1),
            Some(seen) => items
                .iter()
                .position(|item| D::item_id(item) == Some(seen))
                .unwrap_or(items.len()),
        };
        items.truncate(new);
        while let Some(item) = items.pop() {
            newest_seen = D::item_id(&item);
            on_status(&item)?;
            let state = D::item_text(&item, "state").and_then(|s| s.parse::<State>().ok());
            if state.is_some_and(State::is_final) {
                return Ok(item);
            }
        }
        let poll_s = answer.header_number("x-poll-interval").unwrap_or(0);
        pause(runtime, interval_ms.max(poll_s.saturating_mul(1000))).await?;
    }
}
