//! Listing every page lazily, collecting them all, and watching a list for changes with ETags.

use crate::client::Client;
use crate::error::{Error, Result};
use crate::model::DeploymentStatus;
use crate::pagination::{Cursor, Progress};
use crate::request::{HttpRequest, Method};
use crate::response::HttpResponse;
use crate::send;
use crate::transport;
use web_sys::AbortSignal;

/// The pages of a listing, fetched one at a time as they are asked for.
///
/// # Examples
///
/// ```ignore
/// let mut pages = client.deployment_statuses("o", "r", 42).list().per_page(100).pages()?;
/// while let Some((_answer, statuses)) = pages.next().await? {
///     println!("{} statuses", statuses.len());
/// }
/// ```
#[derive(Debug)]
pub struct Pages {
    client: Client,
    cursor: Cursor,
    template: HttpRequest,
    signal: Option<AbortSignal>,
    max_pages: Option<u32>,
}

impl Pages {
    /// Pages starting at `first` (a validated list request).
    pub(crate) fn new(client: &Client, first: HttpRequest, signal: Option<AbortSignal>) -> Pages {
        Pages {
            cursor: Cursor::new(client.base_url(), first.url.clone()),
            client: client.clone(),
            template: first,
            signal,
            max_pages: None,
        }
    }

    /// Stops after `n` pages.
    #[must_use]
    pub fn max_pages(mut self, n: u32) -> Self {
        self.max_pages = Some(n);
        self
    }

    /// Progress so far.
    pub fn progress(&self) -> Progress {
        self.cursor.progress()
    }

    /// The next page (its answer and statuses), or `None` after the last one.
    pub async fn next(&mut self) -> Result<Option<(HttpResponse, Vec<DeploymentStatus>)>> {
        let done = self.cursor.progress().pages;
        if self.max_pages.is_some_and(|max| done >= max) {
            return Ok(None);
        }
        let Some(url) = self.cursor.next_url() else {
            return Ok(None);
        };
        let request = HttpRequest {
            method: Method::Get,
            url: url.to_owned(),
            headers: self.template.headers.clone(),
            body: None,
        };
        let (answer, statuses): (HttpResponse, Vec<DeploymentStatus>) =
            send::get(&self.client, &request, self.signal.as_ref()).await?;
        self.cursor.advance(&answer, statuses.len())?;
        Ok(Some((answer, statuses)))
    }

    /// Every remaining status, calling `on_page` with the progress after each page.
    pub async fn collect(
        mut self,
        mut on_page: impl FnMut(Progress, &[DeploymentStatus]),
    ) -> Result<Vec<DeploymentStatus>> {
        let mut all = Vec::new();
        while let Some((_, statuses)) = self.next().await? {
            on_page(self.progress(), &statuses);
            all.extend(statuses);
        }
        Ok(all)
    }
}

/// Polls `request` with ETags and calls `on_change` when the list changed, until `signal` aborts.
///
/// Waits `interval_ms` between polls, or longer when GitHub's `X-Poll-Interval` asks for it.
/// Resolves when the signal aborts; rejects with the first error retries could not fix.
pub(crate) async fn watch(
    client: &Client,
    request: &HttpRequest,
    interval_ms: u64,
    signal: &AbortSignal,
    mut on_change: impl FnMut(&HttpResponse, Vec<DeploymentStatus>) -> Result<()>,
) -> Result<()> {
    let mut last_etag: Option<String> = None;
    let mut last_body: Option<String> = None;
    loop {
        let (answer, statuses): (HttpResponse, Vec<DeploymentStatus>) =
            match send::get(client, request, Some(signal)).await {
                Ok(page) => page,
                Err(Error::Abort) => return Ok(()),
                Err(error) => return Err(error),
            };
        let etag = answer.header("etag").map(str::to_owned);
        let unchanged = last_body.is_some()
            && (answer.status == 304
                || (etag.is_some() && etag == last_etag)
                || last_body.as_deref() == Some(answer.body.as_str()));
        if !unchanged {
            on_change(&answer, statuses)?;
            last_etag = etag;
            last_body = Some(answer.body.clone());
        }
        let poll_s = answer
            .header("x-poll-interval")
            .and_then(|v| v.trim().parse::<u64>().ok())
            .unwrap_or(0);
        let wait = interval_ms.max(poll_s.saturating_mul(1000));
        if transport::sleep(wait, Some(signal)).await.is_err() {
            return Ok(());
        }
    }
}
