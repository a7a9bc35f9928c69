//! The three operations as octocrab-style builders: create, list and get deployment statuses.

use crate::client::Client;
use crate::error::Result;
use crate::model::State;
use crate::request::{self, HttpRequest, NewStatus, StatusesPath};

impl Client {
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
    ) -> DeploymentStatusesHandler<'_> {
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

/// The statuses of one deployment; made by [`Client::deployment_statuses`].
#[derive(Debug, Clone)]
pub struct DeploymentStatusesHandler<'c> {
    client: &'c Client,
    path: StatusesPath,
}

impl<'c> DeploymentStatusesHandler<'c> {
    /// Creates a status (`POST`), like octokit's `createDeploymentStatus`.
    pub fn create(&self, state: State) -> CreateStatusBuilder<'c> {
        CreateStatusBuilder {
            client: self.client,
            path: self.path.clone(),
            status: NewStatus::new(state),
            #[cfg(target_arch = "wasm32")]
            signal: None,
        }
    }

    /// Lists statuses, newest first, like octokit's `listDeploymentStatuses`.
    pub fn list(&self) -> ListStatusesBuilder<'c> {
        ListStatusesBuilder {
            client: self.client,
            path: self.path.clone(),
            per_page: None,
            page: None,
            #[cfg(target_arch = "wasm32")]
            signal: None,
        }
    }

    /// Gets one status by id, like octokit's `getDeploymentStatus`.
    pub fn get(&self, status_id: u64) -> GetStatusBuilder<'c> {
        GetStatusBuilder {
            client: self.client,
            path: self.path.clone(),
            status_id,
            #[cfg(target_arch = "wasm32")]
            signal: None,
        }
    }
}

/// A status to create; send it with `send()`.
#[must_use]
#[derive(Debug, Clone)]
pub struct CreateStatusBuilder<'c> {
    client: &'c Client,
    path: StatusesPath,
    status: NewStatus,
    #[cfg(target_arch = "wasm32")]
    signal: Option<web_sys::AbortSignal>,
}

impl CreateStatusBuilder<'_> {
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

/// A page of statuses to list; send it with `send()`.
#[must_use]
#[derive(Debug, Clone)]
pub struct ListStatusesBuilder<'c> {
    client: &'c Client,
    path: StatusesPath,
    per_page: Option<u32>,
    page: Option<u32>,
    #[cfg(target_arch = "wasm32")]
    signal: Option<web_sys::AbortSignal>,
}

impl ListStatusesBuilder<'_> {
    /// Results per page, 1 to 100 (GitHub's default: 30).
    pub fn per_page(mut self, n: u32) -> Self {
        self.per_page = Some(n);
        self
    }

    /// Page number, from 1.
    pub fn page(mut self, n: u32) -> Self {
        self.page = Some(n);
        self
    }

    /// The validated request, as plain data.
    pub fn request(&self) -> Result<HttpRequest> {
        request::list(self.client, &self.path, self.per_page, self.page)
    }
}

/// One status to fetch; send it with `send()`.
#[must_use]
#[derive(Debug, Clone)]
pub struct GetStatusBuilder<'c> {
    client: &'c Client,
    path: StatusesPath,
    status_id: u64,
    #[cfg(target_arch = "wasm32")]
    signal: Option<web_sys::AbortSignal>,
}

impl GetStatusBuilder<'_> {
    /// The validated request, as plain data.
    pub fn request(&self) -> Result<HttpRequest> {
        request::get_one(self.client, &self.path, self.status_id)
    }
}

#[cfg(target_arch = "wasm32")]
mod send {
    //! Sending the builders: the part that needs a JS runtime.

    use super::{CreateStatusBuilder, GetStatusBuilder, ListStatusesBuilder};
    use crate::client::Client;
    use crate::error::Result;
    use crate::model::DeploymentStatus;
    use crate::request::HttpRequest;
    use crate::response::{self, HttpResponse, Response};
    use crate::transport;
    use serde::de::DeserializeOwned;
    use web_sys::AbortSignal;

    /// Sends `request`, checks the status and decodes the body as `T`.
    pub(crate) async fn execute<T: DeserializeOwned>(
        client: &Client,
        request: &HttpRequest,
        signal: Option<&AbortSignal>,
    ) -> Result<(HttpResponse, T)> {
        let response = transport::send(request, client.timeout_ms(), signal).await?;
        let response = response::check_status(request, response)?;
        let data = response::decode_body(&response)?;
        Ok((response, data))
    }

    macro_rules! sendable {
        ($builder:ident, $output:ty) => {
            impl $builder<'_> {
                /// Cancels the call when `signal` aborts (`Error::Abort`).
                pub fn signal(mut self, signal: &AbortSignal) -> Self {
                    self.signal = Some(signal.clone());
                    self
                }

                /// Validates, sends and decodes.
                pub async fn send(self) -> Result<Response<$output>> {
                    let request = self.request()?;
                    let (http, data) = execute(self.client, &request, self.signal.as_ref()).await?;
                    Ok(Response::from_parts(http, data))
                }
            }
        };
    }

    sendable!(CreateStatusBuilder, DeploymentStatus);
    sendable!(ListStatusesBuilder, Vec<DeploymentStatus>);
    sendable!(GetStatusBuilder, DeploymentStatus);
}

#[cfg(target_arch = "wasm32")]
pub(crate) use send::execute;
