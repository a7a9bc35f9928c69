//! Listing every page lazily, collecting them all, and watching a list for changes with ETags.

use crate::client::Client;
use crate::error::{Error, Result};
use crate::pagination::{Cursor, Progress};
use crate::request::{HttpRequest, Method};
use crate::schema::Schema;
use crate::send::{self, Answer, Decoder};
use crate::transport;
use std::marker::PhantomData;
use web_sys::AbortSignal;

/// The pages of a listing, fetched one at a time as they are asked for; `D` decodes each page.
#[derive(Debug)]
pub(crate) struct Pages<D> {
    client: Client,
    cursor: Cursor,
    template: HttpRequest,
    signal: Option<AbortSignal>,
    max_pages: Option<u32>,
    decoder: PhantomData<D>,
}

impl<D: Decoder> Pages<D> {
    /// Pages starting at `first` (a validated list request).
    pub(crate) fn new(client: &Client, first: HttpRequest, signal: Option<AbortSignal>) -> Self {
        Pages {
            cursor: Cursor::new(client.base_url(), first.url.clone()),
            client: client.clone(),
            template: first,
            signal,
            max_pages: None,
            decoder: PhantomData,
        }
    }

    /// Stops after `n` pages.
    #[must_use]
    pub(crate) fn max_pages(mut self, n: u32) -> Self {
        self.max_pages = Some(n);
        self
    }

    /// Progress so far.
    pub(crate) fn progress(&self) -> Progress {
        self.cursor.progress()
    }

    /// The next page (its answer and statuses), or `None` after the last one.
    pub(crate) async fn next_page(&mut self) -> Result<Option<(Answer, D::Output)>> {
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
        let (answer, statuses) = send::get::<D>(
            &self.client,
            &request,
            Schema::StatusList,
            self.signal.as_ref(),
        )
        .await?;
        self.cursor.advance(&answer, D::count(&statuses))?;
        Ok(Some((answer, statuses)))
    }
}

/// Polls `request` with ETags and calls `on_change` when the list changed, until `signal` aborts.
///
/// Waits `interval_ms` between polls, or longer when GitHub's `X-Poll-Interval` asks for it.
/// Resolves when the signal aborts; rejects with the first error retries could not fix.
pub(crate) async fn watch<D: Decoder>(
    client: &Client,
    request: &HttpRequest,
    interval_ms: u64,
    signal: &AbortSignal,
    mut on_change: impl FnMut(&Answer, D::Output) -> Result<()>,
) -> Result<()> {
    let mut last_etag: Option<String> = None;
    let mut last_body: Option<js_sys::JsString> = None;
    loop {
        let (answer, statuses) =
            match send::get::<D>(client, request, Schema::StatusList, Some(signal)).await {
                Ok(page) => page,
                Err(Error::Abort) => return Ok(()),
                Err(error) => return Err(error),
            };
        let etag = answer.header("etag").map(str::to_owned);
        let unchanged = last_body.is_some()
            && (answer.status == 304
                || (etag.is_some() && etag == last_etag)
                || last_body.as_ref() == Some(&answer.body.text));
        if !unchanged {
            on_change(&answer, statuses)?;
            last_etag = etag;
            last_body = Some(answer.body.text.clone());
        }
        let poll_s = answer.header_number("x-poll-interval").unwrap_or(0);
        let wait = interval_ms.max(poll_s.saturating_mul(1000));
        if transport::sleep(wait, Some(signal)).await.is_err() {
            return Ok(());
        }
    }
}
