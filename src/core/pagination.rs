//! Following `Link: rel="next"` safely: same API root only, no page twice, progress for a UI.

use crate::core::error::{Error, Result};
use crate::core::response::{HttpResponse, Links};
use crate::core::text::{split_byte, split_once_byte, starts_with_byte};

/// Where a paginated listing stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// Pages fetched so far.
    pub pages: u32,
    /// Total pages, when GitHub's `rel="last"` says.
    pub total_pages: Option<u32>,
    /// Items fetched so far.
    pub items: u64,
}

/// The next page to fetch and the pages already fetched.
#[derive(Debug, Clone)]
pub struct Cursor {
    base_url: String,
    next: Option<String>,
    seen: Vec<u64>,
    progress: Progress,
}

impl Cursor {
    /// A cursor whose first page is `first_url`, allowed to follow links under `base_url` only.
    pub fn new(base_url: &str, first_url: String) -> Cursor {
        Cursor {
            base_url: base_url.to_owned(),
            next: Some(first_url),
            seen: Vec::new(),
            progress: Progress::default(),
        }
    }

    /// The URL of the next page, if there is one.
    pub fn next_url(&self) -> Option<&str> {
        self.next.as_deref()
    }

    /// Progress so far.
    pub fn progress(&self) -> Progress {
        self.progress
    }

    /// Records a fetched page of `items` entries and reads its `Link` header for the next one.
    ///
    /// A `next` link outside `base_url` or back to a page already fetched is a `DecodeError`:
    /// the token is never sent elsewhere and a loop never runs forever.
    pub fn advance<B>(&mut self, page: &HttpResponse<B>, items: usize) -> Result<()> {
        if let Some(current) = self.next.take() {
            self.seen.push(fingerprint(&current));
        }
        self.progress.pages = self.progress.pages.saturating_add(1);
        self.progress.items = self.progress.items.saturating_add(items as u64);
        let links = page.header("link").map(Links::parse).unwrap_or_default();
        if let Some(total) = links.last.as_deref().and_then(page_number) {
            self.progress.total_pages = Some(total);
        } else if links.next.is_none() {
            self.progress.total_pages = Some(self.progress.pages);
        }
        // An empty page ends the listing, whatever its Link says: a server that keeps sending
        // `next` with nothing on it would be followed forever.
        let Some(next) = links.next.filter(|_| items > 0) else {
            return Ok(());
        };
        if !under(&self.base_url, &next) {
            return Err(Error::Decode {
                status: page.status,
                message: crate::core::text::concat(&[
                    "the Link rel=\"next\" URL ",
                    &next,
                    " is outside ",
                    &self.base_url,
                    "; it was not followed, so no request (and no token) went there",
                ]),
            });
        }
        if self.seen.contains(&fingerprint(&next)) {
            return Err(Error::Decode {
                status: page.status,
                message: crate::core::text::concat(&[
                    "the Link rel=\"next\" URL ",
                    &next,
                    " points back to a page already fetched; pagination stopped instead of looping",
                ]),
            });
        }
        self.next = Some(next);
        Ok(())
    }
}

/// Whether `url` is `base_url` itself or lies under it (same scheme, host, port and path prefix).
pub fn under(base_url: &str, url: &str) -> bool {
    url.strip_prefix(base_url).is_some_and(|rest| {
        rest.is_empty() || starts_with_byte(rest, b'/') || starts_with_byte(rest, b'?')
    })
}

/// The `page` query parameter of a URL.
pub fn page_number(url: &str) -> Option<u32> {
    let (_, query) = split_once_byte(url, b'?')?;
    let query = split_once_byte(query, b'#').map_or(query, |(query, _)| query);
    split_byte(query, b'&')
        .find_map(|pair| pair.strip_prefix("page="))
        .and_then(crate::core::text::parse_number)
        .and_then(|n| u32::try_from(n).ok())
}

/// FNV-1a of the URL without its `#fragment`, which names no other page: 64 bits are plenty to
/// tell a few thousand page URLs apart.
fn fingerprint(url: &str) -> u64 {
    url.bytes()
        .take_while(|b| *b != b'#')
        .fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        })
}
