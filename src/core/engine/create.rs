//! Creating a status exactly once: after an ambiguous failure, look before posting again.

use super::send::{get, send, Failure};
use super::{Answer, Checked, Decoder, Runtime};
use crate::core::body::Body;
use crate::core::client::Client;
use crate::core::error::{Error, Result};
use crate::core::json::Json;
use crate::core::policy;
use crate::core::request::{self, NewStatus, StatusesPath};
use crate::core::schema::Schema;

/// How many of the newest statuses are read to find one an ambiguous POST may have created.
const VERIFY_PAGE_SIZE: u32 = 100;

/// Posts `status`; a 5xx, reset or timeout is followed by a read of the latest statuses, and
/// the POST is repeated only if the status is not there. Resolves as a 201 either way.
pub async fn create<R: Runtime, D: Decoder<R::Body>>(
    runtime: &R,
    client: &Client<R::Body>,
    path: &StatusesPath,
    status: &NewStatus,
) -> Result<(Answer<R>, D::Output)> {
    let request = request::create(client, path, status)?;
    let not_before_s = (runtime.now_ms() / 1000) as i64;
    let mut retry = 0;
    loop {
        let error = match send(runtime, client, &request, &mut retry).await {
            Ok(answer) => {
                let created = D::decode(&answer, Schema::Status)?;
                return Ok((answer, created));
            }
            Err(Failure::Final(error)) => return Err(error),
            Err(Failure::Ambiguous(error)) => error,
        };
        match find_created(runtime, client, path, status, not_before_s).await {
            Ok(Some(found)) => {
                let created = D::decode(&found, Schema::Status)?;
                return Ok((found, created));
            }
            Ok(None) if retry < client.retry_policy().retries => {
                retry += 1;
                let wait = policy::backoff_ms(retry, runtime.random());
                runtime.sleep(wait).await?;
            }
            // Not there and no retries left, or unknowable: report what went wrong.
            Ok(None) => return Err(error),
            Err(Error::Abort) => return Err(Error::Abort),
            Err(_) => return Err(error),
        }
    }
}

/// The newest status matching what was posted since `not_before_s`, as a 201 answer.
async fn find_created<R: Runtime>(
    runtime: &R,
    client: &Client<R::Body>,
    path: &StatusesPath,
    status: &NewStatus,
    not_before_s: i64,
) -> Result<Option<Answer<R>>> {
    let request = request::list(client, path, Some(VERIFY_PAGE_SIZE), None)?;
    let (list, statuses) = get::<R, Checked>(runtime, client, &request, Schema::StatusList).await?;
    let Some(found) = statuses
        .items()
        .into_iter()
        .find(|candidate| policy::is_created_status(status, candidate, not_before_s))
    else {
        return Ok(None);
    };
    let url = found
        .field("url")
        .and_then(|u| u.string())
        .unwrap_or(request.url);
    Ok(Some(Answer::<R> {
        status: 201,
        url,
        headers: list.headers,
        body: R::Body::from_json(&found),
    }))
}
