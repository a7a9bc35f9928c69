//! Creating a status or a deployment exactly once: after an unanswered POST, look (as far back
//! and as long as the POST's window needs) before posting again, and say so when looking could
//! not tell.
//!
//! The window: what this POST created is stamped (`created_at`, the server's clock) no
//! earlier than the POST left, by the server's own time (the `Date` of the check's answers,
//! less [`SERVER_TIME_SLACK_S`]); it may show in lists late, so the check reads again for
//! `create_check_window_ms`. A match must also not be one a create of this client already
//! resolved with. Absence is proven only when every read of the window succeeded and none
//! found it; when a read fails, the call rejects with [`Error::MaybeCreated`].

use super::send::{get, send, Failure};
use super::{pause, Answer, Checked, Decoder, Runtime};
use crate::core::body::Body;
use crate::core::client::{Client, Settings};
use crate::core::deployment_requests::{self, DeploymentFilter, NewDeployment};
use crate::core::error::{Error, Result};
use crate::core::json::Json;
use crate::core::pagination::Cursor;
use crate::core::policy::{self, CLOCK_SKEW_S, SERVER_TIME_SLACK_S};
use crate::core::request::{self, HttpRequest, NewStatus, RepoPath, StatusesPath};
use crate::core::response::HttpResponse;
use crate::core::schema::Schema;

/// Items per page of a check's reads.
const CHECK_PAGE_SIZE: u32 = 100;

/// Pages one read of a check follows back at most (10,000 items newer than the POST).
const CHECK_MAX_PAGES: u32 = 100;

/// What a create posts, and where its check looks for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewResource {
    /// A status of a deployment.
    Status(StatusesPath, NewStatus),
    /// A deployment of a repository.
    Deployment(RepoPath, NewDeployment),
}

impl NewResource {
    /// The POST.
    fn request(&self, client: &Settings) -> Result<HttpRequest> {
        match self {
            NewResource::Status(path, status) => request::create(client, path, status),
            NewResource::Deployment(repo, deployment) => {
                deployment_requests::create_deployment(client, repo, deployment)
            }
        }
    }

    /// The first page a check reads, newest first: the deployment's statuses, or the
    /// deployments of the same ref, task and environment.
    fn listing(&self, client: &Settings) -> Result<(HttpRequest, Schema)> {
        match self {
            NewResource::Status(path, _) => Ok((
                request::list(client, path, Some(CHECK_PAGE_SIZE), None)?,
                Schema::StatusList,
            )),
            NewResource::Deployment(repo, deployment) => {
                let filter = DeploymentFilter {
                    sha: None,
                    git_ref: Some(deployment.git_ref.clone()),
                    task: Some(deployment.task_or_default().to_owned()),
                    environment: Some(deployment.environment_or_default().to_owned()),
                };
                let first = deployment_requests::list_deployments(
                    client,
                    repo,
                    &filter,
                    Some(CHECK_PAGE_SIZE),
                    None,
                )?;
                Ok((first, Schema::DeploymentList))
            }
        }
    }

    /// What a 2xx answer with `status` holds: the created item, or a deployment's 202 note.
    fn schema(&self, status: u16) -> Schema {
        match self {
            NewResource::Status(..) => Schema::Status,
            NewResource::Deployment(..) if status == 202 => Schema::Merged,
            NewResource::Deployment(..) => Schema::Deployment,
        }
    }

    /// Whether `candidate` is what this POST would have created at or after `not_before_s`.
    fn matches<J: Json>(&self, candidate: &J, not_before_s: i64) -> bool {
        match self {
            NewResource::Status(_, status) => {
                policy::is_created_status(status, candidate, not_before_s)
            }
            NewResource::Deployment(_, deployment) => {
                policy::is_created_deployment(deployment, candidate, not_before_s)
            }
        }
    }
}

/// Waits between a check's reads, in ms, each bounded by what is left of the window.
const RECHECK_WAITS_MS: [u64; 5] = [500, 1_000, 2_000, 3_000, 4_000];

/// Posts `new`; an unanswered POST (5xx, reset, timeout) is followed by a check of what was
/// created since, and the POST is repeated only once the check proved it created nothing.
/// Resolves as a 201 either way (or as GitHub's 202 for a deployment it merged instead).
pub async fn create<R: Runtime, D: Decoder<R::Body>>(
    runtime: &R,
    client: &Client<R::Body>,
    new: &NewResource,
) -> Result<(Answer<R>, D::Output)> {
    let request = new.request(client)?;
    let mut retry = 0;
    loop {
        let posted_ms = runtime.now_ms();
        let error = match send(runtime, client, &request, &mut retry).await {
            Ok(answer) => return created::<R, D>(client, new, answer),
            // A 2xx that could not be read (too large): the status exists.
            Err(Failure::Final(
                error @ Error::Decode {
                    status: 200..=299, ..
                },
            )) => return Err(Error::MaybeCreated(Box::new(error))),
            Err(Failure::Final(error)) => return Err(error),
            Err(Failure::Ambiguous(error)) => error,
        };
        match check(runtime, client, new, posted_ms).await {
            Ok(Some(found)) => return created::<R, D>(client, new, found),
            Ok(None) if retry < client.retry_policy().retries => {
                retry += 1;
                let wait = policy::backoff_ms(retry, runtime.random());
                pause(runtime, wait).await?;
            }
            // Proven absent, and no retries left: nothing was created.
            Ok(None) => return Err(error),
            Err(Error::Abort) => return Err(Error::MaybeCreated(Box::new(Error::Abort))),
            Err(_) => return Err(Error::MaybeCreated(Box::new(error))),
        }
    }
}

/// What a 2xx `answer` created, claimed for this call; an answer that does not decode still
/// created it.
fn created<R: Runtime, D: Decoder<R::Body>>(
    client: &Client<R::Body>,
    new: &NewResource,
    answer: Answer<R>,
) -> Result<(Answer<R>, D::Output)> {
    let data = D::decode(&answer, new.schema(answer.status))
        .map_err(|error| Error::MaybeCreated(Box::new(error)))?;
    if let Some(id) = D::id(&data) {
        client.claim(id);
    }
    Ok((answer, data))
}

/// Looks for what the POST sent at `posted_ms` (local clock) may have created, reading again
/// over the client's check window: `Ok(None)` only when every read succeeded and none found it.
async fn check<R: Runtime>(
    runtime: &R,
    client: &Client<R::Body>,
    new: &NewResource,
    posted_ms: u64,
) -> Result<Option<Answer<R>>> {
    let (first, schema) = new.listing(client)?;
    let window_ms = u64::from(client.create_check_window_ms());
    let started_ms = runtime.now_ms();
    let mut waits = RECHECK_WAITS_MS.iter();
    loop {
        if let Some(found) = read(runtime, client, &first, schema, new, posted_ms).await? {
            return Ok(Some(found));
        }
        let left = (started_ms + window_ms).saturating_sub(runtime.now_ms());
        match waits.next() {
            Some(wait) if left > 0 => pause(runtime, (*wait).min(left)).await?,
            _ => return Ok(None),
        }
    }
}

/// One read of what is newer than the POST, newest first, following pages back until one
/// reaches past the window; the match as a 201 answer.
async fn read<R: Runtime>(
    runtime: &R,
    client: &Client<R::Body>,
    first: &HttpRequest,
    schema: Schema,
    new: &NewResource,
    posted_ms: u64,
) -> Result<Option<Answer<R>>> {
    let mut cursor = Cursor::new(client.base_url(), first.url.clone());
    while cursor.progress().pages < CHECK_MAX_PAGES {
        let Some(url) = cursor.next_url() else {
            return Ok(None);
        };
        let page = first.get_at(url);
        let received_ms = runtime.now_ms();
        let (answer, items) = get::<R, Checked>(runtime, client, &page, schema).await?;
        let not_before_s = window_start_s(&answer, posted_ms, received_ms);
        let items = items.items();
        for item in &items {
            if !new.matches(item, not_before_s) {
                // Newest first: one stamped before the window ends the read.
                if policy::created_at_s(item).is_some_and(|at| at < not_before_s) {
                    return Ok(None);
                }
                continue;
            }
            if <Checked as Decoder<R::Body>>::id(item).is_some_and(|id| !client.claimed(id)) {
                return Ok(Some(as_created::<R>(&answer, item)));
            }
        }
        cursor.advance(&answer, items.len())?;
    }
    // More items newer than the POST than a check reads: it cannot tell.
    Err(Error::network("too many created since the POST to check"))
}

/// The earliest `created_at` (server clock, Unix seconds) of a status the POST sent at
/// `posted_ms` could have: by the answer's own `Date`, less the slack; without one, the local
/// clock less the skew allowed between clocks.
fn window_start_s<B>(answer: &HttpResponse<B>, posted_ms: u64, received_ms: u64) -> i64 {
    let posted_s = (posted_ms / 1000) as i64;
    match answer.header("date").and_then(policy::http_date_s) {
        // The server's time of the POST: its time now, less how long ago (locally) it was sent.
        Some(server_now_s) => {
            let since_s = (received_ms.saturating_sub(posted_ms) / 1000) as i64;
            server_now_s - since_s - SERVER_TIME_SLACK_S
        }
        None => posted_s - CLOCK_SKEW_S,
    }
}

/// `item` as the 201 answer its POST would have had.
fn as_created<R: Runtime>(list: &Answer<R>, item: &<R::Body as Body>::Json) -> Answer<R> {
    Answer::<R> {
        status: 201,
        url: item
            .field("url")
            .and_then(|u| u.string())
            .unwrap_or_else(|| list.url.clone()),
        headers: list.headers.clone(),
        body: R::Body::from_json(item, &list.body),
    }
}
