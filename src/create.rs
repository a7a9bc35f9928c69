//! Creating a status exactly once: after an ambiguous failure, look before posting again.

use crate::client::Client;
use crate::error::{Error, Result};
use crate::json::{self, Json};
use crate::policy;
use crate::request::{self, NewStatus, StatusesPath};
use crate::schema::Schema;
use crate::send::{self, Answer, Decoder, Failure, JsData};
use crate::transport::{self, Body};
use web_sys::AbortSignal;

/// How many of the newest statuses are read to find one an ambiguous POST may have created.
const VERIFY_PAGE_SIZE: u32 = 100;

/// Posts `status`; a 5xx, reset or timeout is followed by a read of the latest statuses, and
/// the POST is repeated only if the status is not there. Resolves as a 201 either way.
pub(crate) async fn create<D: Decoder>(
    client: &Client,
    path: &StatusesPath,
    status: &NewStatus,
    signal: Option<&AbortSignal>,
) -> Result<(Answer, D::Output)> {
    let request = request::create(client, path, status)?;
    let not_before_s = (transport::now_ms() / 1000) as i64;
    let mut retry = 0;
    loop {
        let error = match send::send(client, &request, signal, &mut retry).await {
            Ok(answer) => {
                let created = D::decode(&answer, Schema::Status)?;
                return Ok((answer, created));
            }
            Err(Failure::Final(error)) => return Err(error),
            Err(Failure::Ambiguous(error)) => error,
        };
        match find_created(client, path, status, not_before_s, signal).await {
            Ok(Some(found)) => {
                let created = D::decode(&found, Schema::Status)?;
                return Ok((found, created));
            }
            Ok(None) if retry < client.retry_policy().retries => {
                retry += 1;
                let wait = policy::backoff_ms(retry, transport::random());
                transport::sleep(wait, signal).await?;
            }
            // Not there and no retries left, or unknowable: report what went wrong.
            Ok(None) => return Err(error),
            Err(Error::Abort) => return Err(Error::Abort),
            Err(_) => return Err(error),
        }
    }
}

/// The newest status matching what was posted since `not_before_s`, as a 201 answer.
async fn find_created(
    client: &Client,
    path: &StatusesPath,
    status: &NewStatus,
    not_before_s: i64,
    signal: Option<&AbortSignal>,
) -> Result<Option<Answer>> {
    let request = request::list(client, path, Some(VERIFY_PAGE_SIZE), None)?;
    let (list, statuses) =
        send::get::<JsData>(client, &request, Schema::StatusList, signal).await?;
    let Some(found) = statuses
        .items()
        .into_iter()
        .find(|candidate| policy::is_created_status(status, candidate, not_before_s))
    else {
        return Ok(None);
    };
    let body = json::stringify(&found);
    let url = found
        .field("url")
        .and_then(|u| u.string())
        .unwrap_or(request.url);
    Ok(Some(Answer {
        status: 201,
        url,
        headers: list.headers,
        body: Body::from_text(body),
    }))
}
