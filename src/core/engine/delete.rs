//! Deleting: a DELETE is repeated like a GET, and a lost answer's deletion is not reported as a 404.

use super::send::send;
use super::{Answer, Runtime};
use crate::core::body::Body;
use crate::core::client::Client;
use crate::core::error::{Error, Result};
use crate::core::request::HttpRequest;
use crate::core::response::HttpResponse;

/// Sends the DELETE `request` with the client's retries; resolves with its 204.
///
/// A retry that finds nothing (404) after an attempt that got no answer or a 5xx resolves as
/// that attempt's 204 would have: the deployment is gone either way, and the 404 would report a
/// failure that did not happen.
pub async fn delete<R: Runtime>(
    runtime: &R,
    client: &Client<R::Body>,
    request: &HttpRequest,
) -> Result<Answer<R>> {
    let mut retry = 0;
    match send(runtime, client, request, &mut retry)
        .await
        .map_err(Error::from)
    {
        Err(Error::Http(refused)) if refused.status == 404 && retry > 0 => Ok(HttpResponse {
            status: 204,
            url: request.url.clone(),
            headers: refused.response.headers,
            body: R::Body::empty(),
        }),
        sent => sent,
    }
}
