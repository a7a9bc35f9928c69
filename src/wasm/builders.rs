//! The Rust API in wasm: each builder's `send()` through the JS runtime, and `signal()` to cancel.

use super::runtime::{JsBody, JsRuntime};
use crate::core::deployments::{
    CreateDeploymentBuilder, DeleteDeploymentBuilder, GetDeploymentBuilder, ListDeploymentsBuilder,
    ListEnvironmentsBuilder,
};
use crate::core::error::Result;
use crate::core::model::{CreatedDeployment, Deployment, DeploymentStatus, EnvironmentList};
use crate::core::pagination::Progress;
use crate::core::response::{HttpResponse, Response};
use crate::core::statuses::{
    CreateStatusBuilder, DeploymentStatusesHandler, GetStatusBuilder, ListStatusesBuilder,
    StatusPages,
};
use web_sys::AbortSignal;

/// A builder whose call the caller's `AbortSignal` cancels, waits between retries included.
#[must_use]
#[derive(Debug, Clone)]
pub struct Cancellable<B> {
    builder: B,
    signal: AbortSignal,
}

impl<B> Cancellable<B> {
    fn runtime(&self) -> JsRuntime {
        JsRuntime::new(Some(self.signal.clone()))
    }
}

macro_rules! sent_in_js {
    ($($builder:ident -> $data:ty),*) => {$(
        impl<'c> $builder<'c, JsBody> {
            /// Cancels the call, including waits between retries, when `signal` aborts (`Error::Abort`).
            pub fn signal(self, signal: &AbortSignal) -> Cancellable<Self> {
                Cancellable { builder: self, signal: signal.clone() }
            }

            /// Validates, sends through `fetch` with the client's policies, and decodes.
            pub async fn send(self) -> Result<Response<$data>> {
                self.send_with(&JsRuntime::default()).await
            }
        }

        impl Cancellable<$builder<'_, JsBody>> {
            /// Validates, sends through `fetch` with the client's policies, and decodes.
            pub async fn send(self) -> Result<Response<$data>> {
                let runtime = self.runtime();
                self.builder.send_with(&runtime).await
            }
        }
    )*};
}

sent_in_js!(
    CreateStatusBuilder -> DeploymentStatus,
    GetStatusBuilder -> DeploymentStatus,
    ListStatusesBuilder -> Vec<DeploymentStatus>,
    ListDeploymentsBuilder -> Vec<Deployment>,
    GetDeploymentBuilder -> Deployment,
    CreateDeploymentBuilder -> CreatedDeployment,
    DeleteDeploymentBuilder -> (),
    ListEnvironmentsBuilder -> EnvironmentList
);

/// Pages fetched through `fetch`.
pub type JsStatusPages = StatusPages<JsRuntime>;

impl ListStatusesBuilder<'_, JsBody> {
    /// The pages from this one on, fetched lazily by following `Link: rel="next"`.
    ///
    /// # Examples
    ///
    /// ```ignore
    /// let mut pages = client.deployment_statuses("o", "r", 42).list().per_page(100).pages()?;
    /// while let Some(page) = pages.next().await? {
    ///     println!("{} statuses", page.data.len());
    /// }
    /// ```
    pub fn pages(self) -> Result<JsStatusPages> {
        self.pages_with(JsRuntime::default())
    }

    /// Every status from this page on, newest first; `on_page` sees the progress after each page.
    pub async fn paginate(
        self,
        max_pages: Option<u32>,
        on_page: impl FnMut(Progress, &[DeploymentStatus]),
    ) -> Result<Vec<DeploymentStatus>> {
        self.paginate_with(JsRuntime::default(), max_pages, on_page)
            .await
    }
}

impl Cancellable<ListStatusesBuilder<'_, JsBody>> {
    /// The pages from this one on, fetched lazily; the signal cancels each page's request.
    pub fn pages(self) -> Result<JsStatusPages> {
        let runtime = self.runtime();
        self.builder.pages_with(runtime)
    }

    /// Every status from this page on, newest first; the signal cancels the whole walk.
    pub async fn paginate(
        self,
        max_pages: Option<u32>,
        on_page: impl FnMut(Progress, &[DeploymentStatus]),
    ) -> Result<Vec<DeploymentStatus>> {
        let runtime = self.runtime();
        self.builder
            .paginate_with(runtime, max_pages, on_page)
            .await
    }
}

impl DeploymentStatusesHandler<'_, JsBody> {
    /// Polls the newest statuses with ETags every `interval_ms` (or GitHub's `X-Poll-Interval`)
    /// and calls `on_change` with the first list and each change, until `signal` aborts.
    pub async fn watch(
        &self,
        interval_ms: u64,
        signal: &AbortSignal,
        on_change: impl FnMut(&HttpResponse, Vec<DeploymentStatus>),
    ) -> Result<()> {
        let runtime = JsRuntime::new(Some(signal.clone()));
        self.watch_with(&runtime, interval_ms, on_change).await
    }
}
