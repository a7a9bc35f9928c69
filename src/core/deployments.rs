//! Deployments and environments as octocrab-style builders, sent through any [`Runtime`]; the
//! repository overview; waiting for a deployment to end.

use crate::core::body::Body;
use crate::core::client::Client;
use crate::core::deployment_requests::{
    self as requests, DeploymentFilter, NewDeployment, PAYLOAD_RULE,
};
use crate::core::engine::{self, NewResource, Runtime, Typed};
use crate::core::error::{Error, Result};
use crate::core::listing::{get_typed, paging, ListPages};
use crate::core::model::{
    CreatedDeployment, Deployment, DeploymentStatus, Environment, EnvironmentList,
    EnvironmentOverview,
};
use crate::core::pagination::Progress;
use crate::core::request::{HttpRequest, RepoPath};
use crate::core::response::Response;
use crate::core::schema::Schema;
use crate::core::statuses::DeploymentStatusesHandler;

type Deployments = Typed<Vec<Deployment>>;
type Statuses = Typed<Vec<DeploymentStatus>>;
type Environments = Typed<EnvironmentList>;

impl<B> Client<B> {
    /// The deployments of a repository.
    ///
    /// # Examples
    ///
    /// ```
    /// use github_deployment_status::Client;
    /// let client = Client::builder().auth("ghp_example").build()?;
    /// let request = client
    ///     .deployments("octo-org", "hello-world")
    ///     .create("main")
    ///     .environment("staging")
    ///     .required_contexts(Vec::<String>::new())
    ///     .request()?;
    /// assert_eq!(request.url, "https://api.github.com/repos/octo-org/hello-world/deployments");
    /// assert_eq!(
    ///     request.body.as_deref(),
    ///     Some(r#"{"ref":"main","environment":"staging","required_contexts":[]}"#)
    /// );
    /// # Ok::<(), github_deployment_status::Error>(())
    /// ```
    pub fn deployments(
        &self,
        owner: impl Into<String>,
        repo: impl Into<String>,
    ) -> DeploymentsHandler<'_, B> {
        DeploymentsHandler {
            client: self,
            repo: RepoPath {
                owner: owner.into(),
                repo: repo.into(),
            },
        }
    }

    /// The environments of a repository.
    pub fn environments(
        &self,
        owner: impl Into<String>,
        repo: impl Into<String>,
    ) -> EnvironmentsHandler<'_, B> {
        EnvironmentsHandler {
            client: self,
            repo: RepoPath {
                owner: owner.into(),
                repo: repo.into(),
            },
        }
    }
}

/// The deployments of one repository; made by `Client::deployments`.
#[derive(Debug, Clone)]
pub struct DeploymentsHandler<'c, B> {
    client: &'c Client<B>,
    repo: RepoPath,
}

impl<'c, B: Body> DeploymentsHandler<'c, B> {
    /// Lists deployments, newest first, like octokit's `listDeployments`.
    pub fn list(&self) -> ListDeploymentsBuilder<'c, B> {
        ListDeploymentsBuilder {
            client: self.client,
            repo: self.repo.clone(),
            filter: DeploymentFilter::default(),
            per_page: None,
            page: None,
        }
    }

    /// Gets one deployment, like octokit's `getDeployment`.
    pub fn get(&self, deployment_id: u64) -> GetDeploymentBuilder<'c, B> {
        GetDeploymentBuilder {
            client: self.client,
            repo: self.repo.clone(),
            deployment_id,
        }
    }

    /// Creates a deployment of `git_ref` (a branch, tag or SHA), like octokit's `createDeployment`.
    pub fn create(&self, git_ref: impl Into<String>) -> CreateDeploymentBuilder<'c, B> {
        CreateDeploymentBuilder {
            client: self.client,
            repo: self.repo.clone(),
            deployment: NewDeployment::new(git_ref),
        }
    }

    /// Deletes an inactive deployment, like octokit's `deleteDeployment`.
    pub fn delete(&self, deployment_id: u64) -> DeleteDeploymentBuilder<'c, B> {
        DeleteDeploymentBuilder {
            client: self.client,
            repo: self.repo.clone(),
            deployment_id,
        }
    }

    /// The statuses of one of the repository's deployments.
    pub fn statuses(&self, deployment_id: u64) -> DeploymentStatusesHandler<'c, B> {
        self.client
            .deployment_statuses(&self.repo.owner, &self.repo.repo, deployment_id)
    }

    /// Every environment with its latest deployment and that deployment's latest status, in
    /// as few requests as the API allows (see [`engine::overview`]).
    pub async fn overview_with<R: Runtime<Body = B> + Clone>(
        &self,
        runtime: R,
    ) -> Result<Vec<EnvironmentOverview>> {
        let rows = engine::overview::<R, Environments, Deployments, Statuses>(
            &runtime,
            self.client,
            &self.repo,
        )
        .await?;
        Ok(rows
            .into_iter()
            .map(|(environment, deployment, status)| EnvironmentOverview {
                environment,
                deployment,
                status,
            })
            .collect())
    }
}

/// A page of deployments to list; send it with `send_with(runtime)` (in wasm also `send()`).
#[must_use]
#[derive(Debug, Clone)]
pub struct ListDeploymentsBuilder<'c, B> {
    client: &'c Client<B>,
    repo: RepoPath,
    filter: DeploymentFilter,
    per_page: Option<u32>,
    page: Option<u32>,
}

impl<B: Body> ListDeploymentsBuilder<'_, B> {
    /// Only deployments of this commit SHA.
    pub fn sha(mut self, sha: impl Into<String>) -> Self {
        self.filter.sha = Some(sha.into());
        self
    }

    /// Only deployments of this ref (branch, tag or SHA).
    pub fn git_ref(mut self, git_ref: impl Into<String>) -> Self {
        self.filter.git_ref = Some(git_ref.into());
        self
    }

    /// Only deployments with this task.
    pub fn task(mut self, task: impl Into<String>) -> Self {
        self.filter.task = Some(task.into());
        self
    }

    /// Only deployments to this environment.
    pub fn environment(mut self, name: impl Into<String>) -> Self {
        self.filter.environment = Some(name.into());
        self
    }

    paging!();

    /// The validated request, as plain data.
    pub fn request(&self) -> Result<HttpRequest> {
        requests::list_deployments(
            self.client,
            &self.repo,
            &self.filter,
            self.per_page,
            self.page,
        )
    }

    /// Validates, sends (with retries and the ETag cache) and decodes one page.
    pub async fn send_with<R: Runtime<Body = B>>(
        self,
        runtime: &R,
    ) -> Result<Response<Vec<Deployment>>> {
        get_typed(runtime, self.client, self.request(), Schema::DeploymentList).await
    }

    /// The pages from this one on, fetched lazily through `runtime` by following `Link: rel="next"`.
    pub fn pages_with<R: Runtime<Body = B>>(
        self,
        runtime: R,
    ) -> Result<ListPages<R, Vec<Deployment>>> {
        let first = self.request()?;
        Ok(ListPages::new(
            runtime,
            self.client,
            first,
            Schema::DeploymentList,
        ))
    }

    /// Every deployment from this page on, newest first; `on_page` sees the progress after each page.
    pub async fn paginate_with<R: Runtime<Body = B>>(
        self,
        runtime: R,
        on_page: impl FnMut(Progress, &[Deployment]),
    ) -> Result<Vec<Deployment>> {
        self.pages_with(runtime)?.all(on_page).await
    }
}

/// One deployment to fetch; send it with `send_with(runtime)` (in wasm also `send()`).
#[must_use]
#[derive(Debug, Clone)]
pub struct GetDeploymentBuilder<'c, B> {
    client: &'c Client<B>,
    repo: RepoPath,
    deployment_id: u64,
}

impl<B: Body> GetDeploymentBuilder<'_, B> {
    /// The validated request, as plain data.
    pub fn request(&self) -> Result<HttpRequest> {
        requests::get_deployment(self.client, &self.repo, self.deployment_id)
    }

    /// Validates, sends (with retries and the ETag cache) and decodes.
    pub async fn send_with<R: Runtime<Body = B>>(
        self,
        runtime: &R,
    ) -> Result<Response<Deployment>> {
        get_typed(runtime, self.client, self.request(), Schema::Deployment).await
    }
}

/// A deployment to create; send it with `send_with(runtime)` (in wasm also `send()`).
#[must_use]
#[derive(Debug, Clone)]
pub struct CreateDeploymentBuilder<'c, B> {
    client: &'c Client<B>,
    repo: RepoPath,
    deployment: NewDeployment,
}

impl<B: Body> CreateDeploymentBuilder<'_, B> {
    /// The task, e.g. `deploy:migrations` (GitHub's default: `deploy`).
    pub fn task(mut self, task: impl Into<String>) -> Self {
        self.deployment.task = Some(task.into());
        self
    }

    /// Whether GitHub merges the default branch into the ref first when it is behind (default true).
    pub fn auto_merge(mut self, on: bool) -> Self {
        self.deployment.auto_merge = Some(on);
        self
    }

    /// The status contexts that must have passed; an empty list skips the checks.
    pub fn required_contexts<S: Into<String>>(
        mut self,
        contexts: impl IntoIterator<Item = S>,
    ) -> Self {
        self.deployment.required_contexts = Some(contexts.into_iter().map(Into::into).collect());
        self
    }

    /// Extra information for the deployment: a JSON object, or a string.
    pub fn payload(mut self, payload: &serde_json::Value) -> Self {
        self.deployment.payload = Some(payload.to_string());
        self
    }

    /// The environment, e.g. `staging` (GitHub's default: `production`).
    pub fn environment(mut self, name: impl Into<String>) -> Self {
        self.deployment.environment = Some(name.into());
        self
    }

    /// Short description.
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.deployment.description = Some(text.into());
        self
    }

    /// Whether the environment ceases to exist at some point (default false).
    pub fn transient_environment(mut self, on: bool) -> Self {
        self.deployment.transient_environment = Some(on);
        self
    }

    /// Whether end users interact with the environment (default: true for `production`).
    pub fn production_environment(mut self, on: bool) -> Self {
        self.deployment.production_environment = Some(on);
        self
    }

    /// The validated request, as plain data.
    pub fn request(&self) -> Result<HttpRequest> {
        // The kind of `payload` is checked here, where a `serde_json::Value` of any kind comes
        // in; the JS params check it as they read it, so `NewDeployment::validate` does not
        // (the npm wasm would carry the same check twice: ~65 B gzip).
        if let Some(payload) = &self.deployment.payload {
            if !(payload.starts_with('{') || payload.starts_with('"')) {
                return Err(Error::invalid("payload", PAYLOAD_RULE));
            }
        }
        requests::create_deployment(self.client, &self.repo, &self.deployment)
    }

    /// Validates and creates the deployment exactly once, retrying only where that is safe:
    /// [`CreatedDeployment::Created`] (201), or [`CreatedDeployment::Merged`] (202) when GitHub
    /// merged the default branch into the ref instead.
    pub async fn send_with<R: Runtime<Body = B>>(
        self,
        runtime: &R,
    ) -> Result<Response<CreatedDeployment>> {
        self.request()?;
        let new = NewResource::Deployment(self.repo, self.deployment);
        let (answer, data) =
            engine::create::<R, Typed<CreatedDeployment>>(runtime, self.client, &new).await?;
        Ok(Response::from_parts(answer, data))
    }
}

/// A deployment to delete; send it with `send_with(runtime)` (in wasm also `send()`).
#[must_use]
#[derive(Debug, Clone)]
pub struct DeleteDeploymentBuilder<'c, B> {
    client: &'c Client<B>,
    repo: RepoPath,
    deployment_id: u64,
}

impl<B: Body> DeleteDeploymentBuilder<'_, B> {
    /// The validated request, as plain data.
    pub fn request(&self) -> Result<HttpRequest> {
        requests::delete_deployment(self.client, &self.repo, self.deployment_id)
    }

    /// Validates and deletes (GitHub deletes only inactive deployments); resolves with the 204.
    pub async fn send_with<R: Runtime<Body = B>>(self, runtime: &R) -> Result<Response<()>> {
        let request = self.request()?;
        let answer = engine::delete(runtime, self.client, &request).await?;
        Ok(Response::from_parts(answer, ()))
    }
}

/// The environments of one repository; made by `Client::environments`.
#[derive(Debug, Clone)]
pub struct EnvironmentsHandler<'c, B> {
    client: &'c Client<B>,
    repo: RepoPath,
}

impl<'c, B: Body> EnvironmentsHandler<'c, B> {
    /// Lists environments, like octokit's `getAllEnvironments`.
    pub fn list(&self) -> ListEnvironmentsBuilder<'c, B> {
        ListEnvironmentsBuilder {
            client: self.client,
            repo: self.repo.clone(),
            per_page: None,
            page: None,
        }
    }
}

/// A page of environments to list; send it with `send_with(runtime)` (in wasm also `send()`).
#[must_use]
#[derive(Debug, Clone)]
pub struct ListEnvironmentsBuilder<'c, B> {
    client: &'c Client<B>,
    repo: RepoPath,
    per_page: Option<u32>,
    page: Option<u32>,
}

impl<B: Body> ListEnvironmentsBuilder<'_, B> {
    paging!();

    /// The validated request, as plain data.
    pub fn request(&self) -> Result<HttpRequest> {
        requests::list_environments(self.client, &self.repo, self.per_page, self.page)
    }

    /// Validates, sends (with retries and the ETag cache) and decodes one page.
    pub async fn send_with<R: Runtime<Body = B>>(
        self,
        runtime: &R,
    ) -> Result<Response<EnvironmentList>> {
        get_typed(
            runtime,
            self.client,
            self.request(),
            Schema::EnvironmentList,
        )
        .await
    }

    /// The pages from this one on, fetched lazily through `runtime`.
    pub fn pages_with<R: Runtime<Body = B>>(
        self,
        runtime: R,
    ) -> Result<ListPages<R, EnvironmentList>> {
        let first = self.request()?;
        Ok(ListPages::new(
            runtime,
            self.client,
            first,
            Schema::EnvironmentList,
        ))
    }

    /// Every environment from this page on; `on_page` sees the progress after each page.
    pub async fn paginate_with<R: Runtime<Body = B>>(
        self,
        runtime: R,
        on_page: impl FnMut(Progress, &[Environment]),
    ) -> Result<Vec<Environment>> {
        self.pages_with(runtime)?.all(on_page).await
    }
}
