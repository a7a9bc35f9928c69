//! The three operations as octocrab-style builders: create, list and get deployment statuses,
//! sent through any [`Runtime`].

use crate::core::body::Body;
use crate::core::client::Client;
use crate::core::engine::{self, NewResource, Runtime, Typed};
use crate::core::error::Result;
use crate::core::listing::{get_typed, paging, ListPages};
use crate::core::model::{DeploymentStatus, State};
use crate::core::pagination::Progress;
use crate::core::request::{self, HttpRequest, NewStatus, StatusesPath};
use crate::core::response::{HttpResponse, Response};
use crate::core::schema::Schema;

type One = Typed<DeploymentStatus>;
type Many = Typed<Vec<DeploymentStatus>>;

impl<B> Client<B> {
    /// The statuses of one deployment.
    ///
    /// # Examples
    ///
    /// ```
    /// use github_deployment_status::{Client, State};
    /// let client = Client::builder().auth("ghp_example").build()?;
    /// let request = client
    ///     .deployment_statuses("octo-org", "hello-world", 42)
    ///     .create(State::Success)
    ///     .description("Deployed to production")
    ///     .environment_url("https://example.com")
    ///     .request()?;
    /// assert_eq!(
    ///     request.url,
    ///     "https://api.github.com/repos/octo-org/hello-world/deployments/42/statuses"
    /// );
    /// # Ok::<(), github_deployment_status::Error>(())
    /// ```
    pub fn deployment_statuses(
        &self,
        owner: impl Into<String>,
        repo: impl Into<String>,
        deployment_id: u64,
    ) -> DeploymentStatusesHandler<'_, B> {
        DeploymentStatusesHandler {
            client: self,
            path: StatusesPath {
                owner: owner.into(),
                repo: repo.into(),
                deployment_id,
            },
        }
    }
}

/// The statuses of one deployment; made by `Client::deployment_statuses`.
#[derive(Debug, Clone)]
pub struct DeploymentStatusesHandler<'c, B> {
    client: &'c Client<B>,
    path: StatusesPath,
}

impl<'c, B> DeploymentStatusesHandler<'c, B> {
    /// Creates a status (`POST`), like octokit's `createDeploymentStatus`.
    pub fn create(&self, state: State) -> CreateStatusBuilder<'c, B> {
        CreateStatusBuilder {
            client: self.client,
            path: self.path.clone(),
            status: NewStatus::new(state),
        }
    }

    /// Lists statuses, newest first, like octokit's `listDeploymentStatuses`.
    pub fn list(&self) -> ListStatusesBuilder<'c, B> {
        ListStatusesBuilder {
            client: self.client,
            path: self.path.clone(),
            per_page: None,
            page: None,
        }
    }

    /// Gets one status by id, like octokit's `getDeploymentStatus`.
    pub fn get(&self, status_id: u64) -> GetStatusBuilder<'c, B> {
        GetStatusBuilder {
            client: self.client,
            path: self.path.clone(),
            status_id,
        }
    }
}

/// A status to create; send it with `send_with(runtime)` (in wasm also `send()`).
#[must_use]
#[derive(Debug, Clone)]
pub struct CreateStatusBuilder<'c, B> {
    client: &'c Client<B>,
    path: StatusesPath,
    status: NewStatus,
}

impl<B: Body> CreateStatusBuilder<'_, B> {
    /// URL of the deployment's output (deprecated by GitHub in favour of `log_url`).
    pub fn target_url(mut self, url: impl Into<String>) -> Self {
        self.status.target_url = Some(url.into());
        self
    }

    /// URL of the deployment's logs; GitHub also sets `target_url` to it.
    pub fn log_url(mut self, url: impl Into<String>) -> Self {
        self.status.log_url = Some(url.into());
        self
    }

    /// Short description, at most 140 characters.
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.status.description = Some(text.into());
        self
    }

    /// Environment name, e.g. `production`.
    pub fn environment(mut self, name: impl Into<String>) -> Self {
        self.status.environment = Some(name.into());
        self
    }

    /// URL of the deployed environment.
    pub fn environment_url(mut self, url: impl Into<String>) -> Self {
        self.status.environment_url = Some(url.into());
        self
    }

    /// Whether GitHub marks earlier deployments of the environment inactive (default true).
    pub fn auto_inactive(mut self, on: bool) -> Self {
        self.status.auto_inactive = Some(on);
        self
    }

    /// The validated request, as plain data.
    pub fn request(&self) -> Result<HttpRequest> {
        request::create(self.client, &self.path, &self.status)
    }
}

/// A page of statuses to list; send it with `send_with(runtime)` (in wasm also `send()`).
#[must_use]
#[derive(Debug, Clone)]
pub struct ListStatusesBuilder<'c, B> {
    client: &'c Client<B>,
    path: StatusesPath,
    per_page: Option<u32>,
    page: Option<u32>,
}

impl<B: Body> ListStatusesBuilder<'_, B> {
    paging!();

    /// The validated request, as plain data.
    pub fn request(&self) -> Result<HttpRequest> {
        request::list(self.client, &self.path, self.per_page, self.page)
    }
}

/// One status to fetch; send it with `send_with(runtime)` (in wasm also `send()`).
#[must_use]
#[derive(Debug, Clone)]
pub struct GetStatusBuilder<'c, B> {
    client: &'c Client<B>,
    path: StatusesPath,
    status_id: u64,
}

impl<B: Body> GetStatusBuilder<'_, B> {
    /// The validated request, as plain data.
    pub fn request(&self) -> Result<HttpRequest> {
        request::get_one(self.client, &self.path, self.status_id)
    }
}

impl<B: Body> CreateStatusBuilder<'_, B> {
    /// Validates and posts the status exactly once, retrying only where that is safe.
    pub async fn send_with<R: Runtime<Body = B>>(
        self,
        runtime: &R,
    ) -> Result<Response<DeploymentStatus>> {
        let (answer, data) = engine::create::<R, One>(
            runtime,
            self.client,
            &NewResource::Status(self.path, self.status),
        )
        .await?;
        Ok(Response::from_parts(answer, data))
    }
}

impl<B: Body> GetStatusBuilder<'_, B> {
    /// Validates, sends (with retries and the ETag cache) and decodes.
    pub async fn send_with<R: Runtime<Body = B>>(
        self,
        runtime: &R,
    ) -> Result<Response<DeploymentStatus>> {
        get_typed(runtime, self.client, self.request(), Schema::Status).await
    }
}

impl<B: Body> ListStatusesBuilder<'_, B> {
    /// Validates, sends (with retries and the ETag cache) and decodes one page.
    pub async fn send_with<R: Runtime<Body = B>>(
        self,
        runtime: &R,
    ) -> Result<Response<Vec<DeploymentStatus>>> {
        get_typed(runtime, self.client, self.request(), Schema::StatusList).await
    }

    /// The pages from this one on, fetched lazily through `runtime` by following `Link: rel="next"`.
    pub fn pages_with<R: Runtime<Body = B>>(self, runtime: R) -> Result<StatusPages<R>> {
        Ok(ListPages::new(
            runtime,
            self.client,
            self.request()?,
            Schema::StatusList,
        ))
    }

    /// Every status from this page on, newest first; `on_page` sees the progress after each page.
    pub async fn paginate_with<R: Runtime<Body = B>>(
        self,
        runtime: R,
        max_pages: Option<u32>,
        on_page: impl FnMut(Progress, &[DeploymentStatus]),
    ) -> Result<Vec<DeploymentStatus>> {
        let mut pages = self.pages_with(runtime)?;
        if let Some(max) = max_pages {
            pages = pages.max_pages(max);
        }
        pages.all(on_page).await
    }
}

/// The pages of a deployment's statuses.
pub type StatusPages<R> = ListPages<R, Vec<DeploymentStatus>>;

impl<B: Body> DeploymentStatusesHandler<'_, B> {
    /// Polls the newest statuses with ETags every `interval_ms` (or GitHub's `X-Poll-Interval`)
    /// and calls `on_change` with the first list and each change, until `runtime` is cancelled.
    pub async fn watch_with<R: Runtime<Body = B>>(
        &self,
        runtime: &R,
        interval_ms: u64,
        mut on_change: impl FnMut(&HttpResponse, Vec<DeploymentStatus>),
    ) -> Result<()> {
        let request = self.list().per_page(100).request()?;
        engine::watch::<R, Many>(
            runtime,
            self.client,
            &request,
            interval_ms,
            &mut |answer, statuses| {
                let plain = HttpResponse {
                    status: answer.status,
                    url: answer.url.clone(),
                    headers: answer.headers.clone(),
                    body: answer.body.to_text(),
                };
                on_change(&plain, statuses);
                Ok(())
            },
        )
        .await
    }
}

impl<B: Body> DeploymentStatusesHandler<'_, B> {
    /// Resolves with the deployment's first final status (`success`, `failure`, `error`,
    /// `inactive`), polling its newest statuses with ETags every `interval_ms` (or GitHub's
    /// `X-Poll-Interval`); `on_status` sees each new status. Bound it with the runtime's deadline
    /// (e.g. [`engine::Within`]) or its cancellation.
    pub async fn wait_with<R: Runtime<Body = B>>(
        &self,
        runtime: &R,
        interval_ms: u64,
        mut on_status: impl FnMut(&DeploymentStatus),
    ) -> Result<DeploymentStatus> {
        let request = self.list().per_page(100).request()?;
        engine::wait_for::<R, Many>(runtime, self.client, &request, interval_ms, |status| {
            on_status(status);
            Ok(())
        })
        .await
    }
}
