//! Waiting for a deployment to end: watching its newest statuses until one is final.

use super::watch::poll;
use super::{Decoder, Runtime};
use crate::core::client::Client;
use crate::core::error::{Error, Result};
use crate::core::model::State;
use crate::core::request::HttpRequest;

/// Polls `request` (a deployment's newest statuses) as [`super::watch`] does, until a final status
/// (`success`, `failure`, `error`, `inactive`) appears, and resolves with the first one.
///
/// The first poll looks at the newest status only (an older final one may have been followed by a
/// new run); each later change hands `on_status` the statuses that are new since, oldest first.
/// The runtime's deadline and cancellation end it with their errors.
pub async fn wait_for<R: Runtime, D: Decoder<R::Body>>(
    runtime: &R,
    client: &Client<R::Body>,
    request: &HttpRequest,
    interval_ms: u64,
    mut on_status: impl FnMut(&D::Item) -> Result<()>,
) -> Result<D::Item> {
    let mut newest_seen: Option<u64> = None;
    let mut found = None;
    let polled = poll::<R, D>(runtime, client, request, interval_ms, &mut |_, page| {
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
                found = Some(item);
                // Stops the polling; told apart from a cancellation by `found`.
                return Err(Error::Abort);
            }
        }
        Ok(())
    })
    .await;
    match (found, polled) {
        (Some(item), _) => Ok(item),
        (None, Err(error)) => Err(error),
        (None, Ok(())) => Err(Error::Abort),
    }
}
