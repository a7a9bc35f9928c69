//! `Client` and `ClientBuilder`: base URL, auth, API version, user agent and timeout.

use crate::core::cache::{EtagCache, DEFAULT_CACHE_ENTRIES};
use crate::core::error::Result;
use crate::core::retry::RetryPolicy;
use crate::core::validate;
use std::cell::{Cell, RefCell, RefMut};
use std::fmt;
use std::marker::PhantomData;
use std::ops::Deref;
use std::rc::Rc;

/// GitHub's public API.
pub const DEFAULT_BASE_URL: &str = "https://api.github.com";

/// The REST API version sent unless the caller picks another (or none).
pub const DEFAULT_API_VERSION: &str = "2026-03-10";

/// The REST API version a client falls back to when a server does not know the one it sent (a
/// GitHub Enterprise Server older than it); the schema of these operations is the same in both.
pub const FALLBACK_API_VERSION: &str = "2022-11-28";

/// The User-Agent sent outside browsers unless the caller picks another.
pub const DEFAULT_USER_AGENT: &str =
    concat!("github-deployment-status/", env!("CARGO_PKG_VERSION"));

/// The largest body read unless the caller picks another: far above a page of 100 statuses
/// (~150 KB), far below what a JS string can hold.
pub const DEFAULT_MAX_BODY_BYTES: u32 = 16 * 1024 * 1024;

/// How long a create keeps looking for what an unanswered POST created, unless the caller picks
/// another, in milliseconds.
pub const DEFAULT_CREATE_CHECK_WINDOW_MS: u32 = 10_000;

/// Per-attempt timeout unless the caller picks another, in milliseconds.
pub const DEFAULT_TIMEOUT_MS: u32 = 30_000;

/// A configured connection to one GitHub API (github.com or a GitHub Enterprise Server).
///
/// # Examples
///
/// ```
/// use github_deployment_status::Client;
/// let client = Client::builder()
///     .base_url("https://github.example.com/api/v3/")
///     .auth("ghp_example")
///     .build()?;
/// assert_eq!(client.base_url(), "https://github.example.com/api/v3");
/// # Ok::<(), github_deployment_status::Error>(())
/// ```
///
/// Clones share the ETag cache, which holds bodies as the runtime holds them (`B`: a `String`
/// on the host, a JS string in wasm; the crate's `Client` picks the one for its target).
pub struct Client<B> {
    settings: Rc<Settings>,
    cache: Option<Rc<RefCell<EtagCache<B>>>>,
    /// Set once a server refused the configured API version; clones share it.
    fallen_back: Rc<Cell<bool>>,
    /// Ids this client's creates resolved with (a ring, and where its next claim goes); clones
    /// share them.
    claimed: Rc<RefCell<(Vec<u64>, usize)>>,
}

/// Ids of created statuses a client remembers (its newest), so that a check never takes one for
/// another call's.
const CLAIMS_KEPT: usize = 4096;

/// What bounds one attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Milliseconds for the whole attempt, body included.
    pub timeout_ms: u32,
    /// Bytes of body read at most.
    pub max_body_bytes: u32,
}

/// A client's checked settings: what every request is built from.
#[derive(Clone)]
pub struct Settings {
    base_url: String,
    auth: Option<String>,
    api_version: Option<String>,
    user_agent: String,
    timeout_ms: u32,
    max_body_bytes: u32,
    create_check_window_ms: u32,
    policy: RetryPolicy,
}

impl<B> Clone for Client<B> {
    fn clone(&self) -> Self {
        Client {
            settings: Rc::clone(&self.settings),
            cache: self.cache.clone(),
            fallen_back: Rc::clone(&self.fallen_back),
            claimed: Rc::clone(&self.claimed),
        }
    }
}

impl<B> Deref for Client<B> {
    type Target = Settings;

    fn deref(&self) -> &Settings {
        &self.settings
    }
}

impl<B> Client<B> {
    /// A builder with GitHub's defaults.
    pub fn builder() -> ClientBuilder<B> {
        ClientBuilder::default()
    }

    /// The API version requests carry: the configured one, or [`FALLBACK_API_VERSION`] once a
    /// server refused it; `None` when the client sends none.
    pub fn api_version(&self) -> Option<&str> {
        let configured = self.settings.api_version.as_deref()?;
        Some(if self.fallen_back.get() {
            FALLBACK_API_VERSION
        } else {
            configured
        })
    }

    /// Takes the fallback version from now on; `false` if the client already had.
    pub(crate) fn fall_back(&self) -> bool {
        !self.fallen_back.replace(true)
    }

    /// Whether a server refused the configured API version and the client took the fallback.
    pub(crate) fn fallen_back(&self) -> bool {
        self.fallen_back.get()
    }

    /// Records that a create resolved with `id`; `false` if a call of this client already had.
    pub(crate) fn claim(&self, id: u64) -> bool {
        let Ok(mut claimed) = self.claimed.try_borrow_mut() else {
            return false;
        };
        if claimed.0.contains(&id) {
            return false;
        }
        // A ring: once full, the oldest claim gives its place.
        let (ids, next) = &mut *claimed;
        if ids.len() < CLAIMS_KEPT {
            ids.push(id);
        } else if let Some(oldest) = ids.get_mut(*next % CLAIMS_KEPT) {
            *oldest = id;
        }
        *next = next.wrapping_add(1);
        true
    }

    /// Whether a create of this client already resolved with `id`.
    pub(crate) fn claimed(&self, id: u64) -> bool {
        self.claimed
            .try_borrow()
            .is_ok_and(|claimed| claimed.0.contains(&id))
    }

    /// The ETag cache, unless turned off (or in use).
    pub(crate) fn cache(&self) -> Option<RefMut<'_, EtagCache<B>>> {
        self.cache.as_deref()?.try_borrow_mut().ok()
    }
}

impl Settings {
    /// The API root every URL starts with, without a trailing `/`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Per-attempt timeout in milliseconds.
    pub fn timeout_ms(&self) -> u32 {
        self.timeout_ms
    }

    /// How long a create keeps looking for what an unanswered POST may have created.
    pub fn create_check_window_ms(&self) -> u32 {
        self.create_check_window_ms
    }

    /// What bounds each attempt: its timeout and the largest body read.
    pub fn limits(&self) -> Limits {
        Limits {
            timeout_ms: self.timeout_ms,
            max_body_bytes: self.max_body_bytes,
        }
    }

    /// Retries and rate-limit waits.
    pub fn retry_policy(&self) -> RetryPolicy {
        self.policy
    }

    /// The headers of every request; `json_body` adds the content type of a POST.
    pub(crate) fn headers(&self, json_body: bool) -> Vec<(&'static str, String)> {
        let mut headers = Vec::with_capacity(5);
        headers.push(("accept", "application/vnd.github+json".to_owned()));
        if let Some(token) = &self.auth {
            headers.push((
                "authorization",
                crate::core::text::concat(&["Bearer ", token]),
            ));
        }
        if let Some(version) = &self.api_version {
            headers.push(("x-github-api-version", version.clone()));
        }
        headers.push(("user-agent", self.user_agent.clone()));
        if json_body {
            headers.push(("content-type", "application/json; charset=utf-8".to_owned()));
        }
        headers
    }
}

impl<B> fmt::Debug for Client<B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = &self.settings;
        f.debug_struct("Client")
            .field("base_url", &s.base_url)
            .field("auth", &s.auth.as_ref().map(|_| "[REDACTED]"))
            .field("api_version", &s.api_version)
            .field("user_agent", &s.user_agent)
            .field("timeout_ms", &s.timeout_ms)
            .field("max_body_bytes", &s.max_body_bytes)
            .field("policy", &s.policy)
            .field(
                "cache",
                &self
                    .cache
                    .as_ref()
                    .map(|c| c.try_borrow().map_or(0, |c| c.len())),
            )
            .finish()
    }
}

/// Builds a [`Client`]; every setting is checked by [`ClientBuilder::build`].
#[must_use]
pub struct ClientBuilder<B> {
    base_url: String,
    auth: Option<String>,
    api_version: Option<String>,
    user_agent: String,
    timeout_ms: u64,
    max_body_bytes: u64,
    create_check_window_ms: u64,
    retries: u64,
    max_rate_limit_wait_ms: u64,
    cache_entries: Option<u64>,
    body: PhantomData<fn() -> B>,
}

impl<B> Default for ClientBuilder<B> {
    fn default() -> Self {
        ClientBuilder {
            base_url: DEFAULT_BASE_URL.to_owned(),
            auth: None,
            api_version: Some(DEFAULT_API_VERSION.to_owned()),
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            timeout_ms: u64::from(DEFAULT_TIMEOUT_MS),
            max_body_bytes: u64::from(DEFAULT_MAX_BODY_BYTES),
            create_check_window_ms: u64::from(DEFAULT_CREATE_CHECK_WINDOW_MS),
            retries: u64::from(RetryPolicy::default().retries),
            max_rate_limit_wait_ms: RetryPolicy::default().max_rate_limit_wait_ms,
            cache_entries: Some(DEFAULT_CACHE_ENTRIES as u64),
            body: PhantomData,
        }
    }
}

impl<B> ClientBuilder<B> {
    /// The token, sent as `Authorization: Bearer <token>`. An empty token is no token: it is what
    /// a missing secret gives in CI, and octokit takes it so too.
    pub fn auth(mut self, token: impl Into<String>) -> Self {
        let token = token.into();
        self.auth = (!token.is_empty()).then_some(token);
        self
    }

    /// The API root: `https://api.github.com` or a GHES `https://HOST/api/v3`.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// The `X-GitHub-Api-Version` to send; `None` omits the header.
    pub fn api_version(mut self, version: Option<String>) -> Self {
        self.api_version = version;
        self
    }

    /// The REST API version a client falls back to when a server does not know the one it sent (a
    /// GitHub Enterprise Server older than it); the schema of these operations is the same in both.
    pub const FALLBACK_API_VERSION: &str = "2022-11-28";

    /// The User-Agent sent outside browsers (browsers send their own).
    pub fn user_agent(mut self, agent: impl Into<String>) -> Self {
        self.user_agent = agent.into();
        self
    }

    /// Per-attempt timeout in milliseconds (1 ..= 2^31-1).
    pub fn timeout_ms(mut self, ms: u64) -> Self {
        self.timeout_ms = ms;
        self
    }

    /// The largest answer body read, in bytes (1 ..= 256 MiB; default 16 MiB); a larger one is a
    /// `DecodeError`, and reading stops there.
    pub fn max_body_bytes(mut self, bytes: u64) -> Self {
        self.max_body_bytes = bytes;
        self
    }

    /// How long a create whose POST went unanswered keeps looking for what it may have created
    /// before it posts again (0 ..= 60000 ms; default 10000): the status may show in lists a
    /// few seconds late, or the server may act on the POST after the client gave up on it.
    pub fn create_check_window_ms(mut self, ms: u64) -> Self {
        self.create_check_window_ms = ms;
        self
    }

    /// Retries after a failed attempt (0 ..= 10; default 2), with exponential backoff and jitter.
    pub fn retries(mut self, n: u64) -> Self {
        self.retries = n;
        self
    }

    /// Longest wait for a rate limit to reset before failing (default 60 s).
    pub fn max_rate_limit_wait_ms(mut self, ms: u64) -> Self {
        self.max_rate_limit_wait_ms = ms;
        self
    }

    /// The ETag cache: `Some(max_entries)` (default 64) or `None` to turn it off.
    pub fn cache(mut self, max_entries: Option<u64>) -> Self {
        self.cache_entries = max_entries;
        self
    }

    /// Checks every setting and builds the client.
    pub fn build(self) -> Result<Client<B>> {
        let (settings, cache_entries) = self.settings()?;
        Ok(Client {
            settings: Rc::new(settings),
            cache: cache_entries.map(|n| Rc::new(RefCell::new(EtagCache::new(n)))),
            fallen_back: Rc::new(Cell::new(false)),
            claimed: Rc::new(RefCell::new((Vec::new(), 0))),
        })
    }

    /// The checked settings and the cache's bound: the part of `build` that knows no body type.
    fn settings(self) -> Result<(Settings, Option<usize>)> {
        let base_url = validate::base_url(&self.base_url)?;
        if let Some(token) = &self.auth {
            validate::token(token)?;
        }
        if let Some(version) = &self.api_version {
            validate::api_version(version)?;
        }
        validate::user_agent(&self.user_agent)?;
        let timeout_ms = validate::timeout_ms(self.timeout_ms)?;
        let max_body_bytes = validate::max_body_bytes(self.max_body_bytes)?;
        let create_check_window_ms = validate::create_check_window_ms(self.create_check_window_ms)?;
        let policy = RetryPolicy {
            retries: validate::retries(self.retries)?,
            max_rate_limit_wait_ms: validate::max_rate_limit_wait_ms(self.max_rate_limit_wait_ms)?,
        };
        let cache_entries = match self.cache_entries {
            Some(n) => Some(validate::cache_entries(n)?),
            None => None,
        };
        let settings = Settings {
            base_url,
            auth: self.auth,
            api_version: self.api_version,
            user_agent: self.user_agent,
            timeout_ms,
            max_body_bytes,
            create_check_window_ms,
            policy,
        };
        Ok((settings, cache_entries))
    }
}

impl<B> fmt::Debug for ClientBuilder<B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("auth", &self.auth.as_ref().map(|_| "[REDACTED]"))
            .finish_non_exhaustive()
    }
}
