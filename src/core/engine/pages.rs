//! Listing every page lazily by following `Link: rel="next"`.

use super::send::get;
use super::{Answer, Decoder, Runtime};
use crate::core::client::Client;
use crate::core::error::Result;
use crate::core::pagination::{Cursor, Progress};
use crate::core::request::HttpRequest;
use crate::core::schema::Schema;
use std::fmt;
use std::marker::PhantomData;

/// The pages of a listing, fetched one at a time as they are asked for; `D` decodes each page.
pub struct Pages<R: Runtime, D> {
    runtime: R,
    client: Client<R::Body>,
    cursor: Cursor,
    template: HttpRequest,
    schema: Schema,
    max_pages: Option<u32>,
    decoder: PhantomData<D>,
}

impl<R: Runtime, D: Decoder<R::Body>> Pages<R, D> {
    /// Pages starting at `first` (a validated list request), fetched through `runtime`, each
    /// fitting `schema`.
    pub fn new(runtime: R, client: &Client<R::Body>, first: HttpRequest, schema: Schema) -> Self {
        Pages {
            runtime,
            cursor: Cursor::new(client.base_url(), first.url.clone()),
            client: client.clone(),
            template: first,
            schema,
            max_pages: None,
            decoder: PhantomData,
        }
    }

    /// Stops after `n` pages.
    #[must_use]
    pub fn max_pages(mut self, n: u32) -> Self {
        self.max_pages = Some(n);
        self
    }

    /// The runtime the pages are fetched through.
    pub fn runtime(&self) -> &R {
        &self.runtime
    }

    /// Progress so far.
    pub fn progress(&self) -> Progress {
        self.cursor.progress()
    }

    /// The next page (its answer and items), or `None` after the last one.
    pub async fn next_page(&mut self) -> Result<Option<(Answer<R>, D::Output)>> {
        let done = self.cursor.progress().pages;
        if self.max_pages.is_some_and(|max| done >= max) {
            return Ok(None);
        }
        let Some(url) = self.cursor.next_url() else {
            return Ok(None);
        };
        let request = self.template.get_at(url);
        let (answer, items) =
            get::<R, D>(&self.runtime, &self.client, &request, self.schema).await?;
        self.cursor.advance(&answer, D::count(&items))?;
        Ok(Some((answer, items)))
    }
}

impl<R: Runtime, D> fmt::Debug for Pages<R, D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages")
            .field("progress", &self.cursor.progress())
            .field("next", &self.cursor.next_url())
            .finish_non_exhaustive()
    }
}
