//! A repository at a glance: each environment with its latest deployment and that deployment's
//! latest status, in as few requests as the API allows.

use super::join::bounded;
use super::send::get;
use super::{Decoder, Pages, Runtime};
use crate::core::client::Client;
use crate::core::deployment_requests::{list_deployments, list_environments, DeploymentFilter};
use crate::core::error::Result;
use crate::core::request::{self, HttpRequest, RepoPath};
use crate::core::schema::Schema;

/// Requests in flight at once: enough to hide latency, few enough for GitHub's secondary limits.
const CONCURRENCY: usize = 4;

/// Items per page of every read (GitHub's most).
const PAGE_SIZE: u32 = 100;

/// Pages of environments read at most (10,000 environments).
const MAX_ENVIRONMENT_PAGES: u32 = 100;

/// One environment, its latest deployment and that deployment's latest status.
pub type Row<E, Dp, S> = (E, Option<Dp>, Option<S>);

/// Every environment of `repo`, in GitHub's order, with its latest deployment and status.
///
/// Requests: the environments (a page per 100), one page of the 100 newest deployments (which
/// names the latest deployment of every environment deployed to recently), one filtered read
/// per environment not on that page, and one read of a status per deployment; at most
/// four at a time, each through the client's ETag cache, so an unchanged refresh
/// costs only 304s.
pub async fn overview<R, E, Dp, S>(
    runtime: &R,
    client: &Client<R::Body>,
    repo: &RepoPath,
) -> Result<Vec<Row<E::Item, Dp::Item, S::Item>>>
where
    R: Runtime + Clone,
    E: Decoder<R::Body>,
    Dp: Decoder<R::Body>,
    S: Decoder<R::Body>,
{
    let first = list_environments(client, repo, Some(PAGE_SIZE), None)?;
    let mut pages = Pages::<R, E>::new(runtime.clone(), client, first, Schema::EnvironmentList)
        .max_pages(MAX_ENVIRONMENT_PAGES);
    let mut environments = Vec::new();
    while let Some((_, page)) = pages.next_page().await? {
        environments.extend(E::into_items(page));
    }
    let newest = list_deployments(
        client,
        repo,
        &DeploymentFilter::default(),
        Some(PAGE_SIZE),
        None,
    )?;
    let (_, page) = get::<R, Dp>(runtime, client, &newest, Schema::DeploymentList).await?;
    let mut recent: Vec<Option<Dp::Item>> = Dp::into_items(page).into_iter().map(Some).collect();
    let rows = environments
        .into_iter()
        .map(|environment| {
            let name = E::item_text(&environment, "name");
            let at = recent.iter().position(|deployment| {
                deployment
                    .as_ref()
                    .is_some_and(|d| Dp::item_text(d, "environment") == name)
            });
            let seen = at.and_then(|at| recent.get_mut(at)).and_then(Option::take);
            row::<R, E, Dp, S>(runtime, client, repo, environment, name, seen)
        })
        .collect();
    bounded(rows, CONCURRENCY).await
}

/// One environment's row: its latest deployment (`seen` on the newest page, or read by
/// name) and that deployment's latest status.
async fn row<R, E, Dp, S>(
    runtime: &R,
    client: &Client<R::Body>,
    repo: &RepoPath,
    environment: E::Item,
    name: Option<String>,
    seen: Option<Dp::Item>,
) -> Result<Row<E::Item, Dp::Item, S::Item>>
where
    R: Runtime,
    E: Decoder<R::Body>,
    Dp: Decoder<R::Body>,
    S: Decoder<R::Body>,
{
    let deployment = match (seen, name) {
        (Some(deployment), _) => Some(deployment),
        (None, None) => None,
        (None, Some(name)) => {
            let filter = DeploymentFilter {
                environment: Some(name),
                ..DeploymentFilter::default()
            };
            let request = list_deployments(client, repo, &filter, Some(1), None)?;
            newest::<R, Dp>(runtime, client, &request, Schema::DeploymentList).await?
        }
    };
    let status = match deployment.as_ref().and_then(Dp::item_id) {
        Some(id) => {
            let request = request::list(client, &repo.statuses(id), Some(1), None)?;
            newest::<R, S>(runtime, client, &request, Schema::StatusList).await?
        }
        None => None,
    };
    Ok((environment, deployment, status))
}

/// The first item of the list `request` reads, if any.
async fn newest<R: Runtime, D: Decoder<R::Body>>(
    runtime: &R,
    client: &Client<R::Body>,
    request: &HttpRequest,
    schema: Schema,
) -> Result<Option<D::Item>> {
    let (_, page) = get::<R, D>(runtime, client, request, schema).await?;
    Ok(D::into_items(page).into_iter().next())
}
