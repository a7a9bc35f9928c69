//! A bounded ETag cache: the last body of each URL with its `ETag`, least recently used evicted.

/// Entries kept unless the caller picks another bound.
pub const DEFAULT_CACHE_ENTRIES: usize = 64;

/// A cached answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedBody<B = String> {
    /// The `ETag` GitHub sent with it.
    pub etag: String,
    /// The body.
    pub body: B,
    /// The headers of the 200 (a 304 need not repeat `Link`, which pagination follows).
    pub headers: Vec<(String, String)>,
}

/// URL to last body, most recently used last. A client's cache holds one token's answers only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EtagCache<B = String> {
    max_entries: usize,
    // A Vec: at most a few dozen entries, and a VecDeque costs more wasm than it saves.
    entries: Vec<(String, CachedBody<B>)>,
}

impl<B> EtagCache<B> {
    /// An empty cache that keeps at most `max_entries` (at least 1).
    pub fn new(max_entries: usize) -> EtagCache<B> {
        EtagCache {
            max_entries: max_entries.max(1),
            entries: Vec::new(),
        }
    }

    /// Number of cached URLs.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is cached.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl<B: Clone> EtagCache<B> {
    /// The `ETag` to send as `If-None-Match` for `url`.
    pub fn etag(&self, url: &str) -> Option<&str> {
        self.entries
            .iter()
            .find(|(u, _)| u == url)
            .map(|(_, c)| c.etag.as_str())
    }

    /// The cached answer of `url` if its `ETag` is `etag`, marking it recently used.
    pub fn hit(&mut self, url: &str, etag: &str) -> Option<CachedBody<B>> {
        let index = self
            .entries
            .iter()
            .position(|(u, c)| u == url && c.etag == etag)?;
        let entry = self.entries.remove(index);
        let cached = entry.1.clone();
        self.entries.push(entry);
        Some(cached)
    }

    /// Remembers `body` and `headers` for `url`, evicting the least recently used entry when full.
    pub fn store(&mut self, url: &str, etag: &str, body: &B, headers: &[(String, String)]) {
        if let Some(index) = self.entries.iter().position(|(u, _)| u == url) {
            self.entries.remove(index);
        }
        if self.entries.len() >= self.max_entries {
            let excess = self.entries.len() + 1 - self.max_entries;
            self.entries.drain(..excess);
        }
        self.entries.push((
            url.to_owned(),
            CachedBody {
                etag: etag.to_owned(),
                body: body.clone(),
                headers: headers.to_vec(),
            },
        ));
    }
}
