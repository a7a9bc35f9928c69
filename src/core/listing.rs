//! Typed pages of any listing for the Rust API: one page at a time, or every item at once.

/// `per_page(n)` and `page(n)` for a list builder with `per_page` and `page` fields.
macro_rules! paging {
    () => {
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
    };
}
pub(crate) use paging;

use crate::core::client::Client;
use crate::core::engine::{self, Counted, Pages, Runtime, Typed};
use crate::core::error::Result;
use crate::core::pagination::Progress;
use crate::core::request::HttpRequest;
use crate::core::response::Response;
use crate::core::schema::Schema;
use serde::de::DeserializeOwned;
use std::fmt;

/// Sends the GET `request` (with retries and the ETag cache) and decodes its body, which must
/// fit `schema`, into `T`: what every builder's `send_with` for a read does.
pub(crate) async fn get_typed<R: Runtime, T: DeserializeOwned + Counted>(
    runtime: &R,
    client: &Client<R::Body>,
    request: Result<HttpRequest>,
    schema: Schema,
) -> Result<Response<T>> {
    let (answer, data) = engine::get::<R, Typed<T>>(runtime, client, &request?, schema).await?;
    Ok(Response::from_parts(answer, data))
}

/// The pages of a listing, fetched one at a time as they are asked for; `T` is one page's value.
pub struct ListPages<R: Runtime, T>(Pages<R, Typed<T>>);

impl<R: Runtime, T: DeserializeOwned + Counted> ListPages<R, T> {
    /// Pages from `first` (a validated list request) on, each fitting `schema`.
    pub(crate) fn new(
        runtime: R,
        client: &Client<R::Body>,
        first: HttpRequest,
        schema: Schema,
    ) -> Self {
        ListPages(Pages::new(runtime, client, first, schema))
    }

    /// Stops after `n` pages.
    #[must_use]
    pub fn max_pages(self, n: u32) -> Self {
        ListPages(self.0.max_pages(n))
    }

    /// The next page, or `None` after the last one.
    pub async fn next(&mut self) -> Result<Option<Response<T>>> {
        let page = self.0.next_page().await?;
        Ok(page.map(|(answer, data)| Response::from_parts(answer, data)))
    }

    /// Progress so far.
    pub fn progress(&self) -> Progress {
        self.0.progress()
    }

    /// Every item of the pages left, in order; `on_page` sees the progress and each page's items.
    pub async fn all(
        mut self,
        mut on_page: impl FnMut(Progress, &[T::Item]),
    ) -> Result<Vec<T::Item>> {
        let mut all = Vec::new();
        while let Some(page) = self.next().await? {
            let items = page.data.into_items();
            on_page(self.progress(), &items);
            all.extend(items);
        }
        Ok(all)
    }
}

impl<R: Runtime, T> fmt::Debug for ListPages<R, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}
