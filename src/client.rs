//! `Client` and `ClientBuilder`: base URL, auth, API version, user agent and timeout.

use crate::cache::{EtagCache, DEFAULT_CACHE_ENTRIES};
use crate::error::Result;
use crate::policy::RetryPolicy;
use crate::validate;
use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

/// GitHub's public API.
pub const DEFAULT_BASE_URL: &str = "https://api.github.com";

/// The REST API version sent unless the caller picks another (or none).
pub const DEFAULT_API_VERSION: &str = "2026-03-10";

/// The User-Agent sent outside browsers unless the caller picks another.
pub const DEFAULT_USER_AGENT: &str =
    concat!("github-deployment-status/", env!("CARGO_PKG_VERSION"));

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
/// Clones share the ETag cache.
#[derive(Clone)]
pub struct Client {
    base_url: String,
    auth: Option<String>,
    api_version: Option<String>,
    user_agent: Option<String>,
    timeout_ms: u32,
    policy: RetryPolicy,
    cache: Option<Rc<RefCell<EtagCache<CachedText>>>>,
}

/// What the ETag cache holds: the body text, left in JS in wasm.
#[cfg(target_arch = "wasm32")]
pub(crate) type CachedText = crate::transport::Body;
/// What the ETag cache holds: the body text, left in JS in wasm.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) type CachedText = String;

impl Client {
    /// A builder with GitHub's defaults.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The API root every URL starts with, without a trailing `/`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Per-attempt timeout in milliseconds.
    pub fn timeout_ms(&self) -> u32 {
        self.timeout_ms
    }

    /// Retries and rate-limit waits.
    pub fn retry_policy(&self) -> RetryPolicy {
        self.policy
    }

    /// The ETag cache, unless turned off.
    #[cfg(target_arch = "wasm32")]
    pub(crate) fn cache(&self) -> Option<&RefCell<EtagCache<CachedText>>> {
        self.cache.as_deref()
    }

    /// The headers of every request; `json_body` adds the content type of a POST.
    pub(crate) fn headers(&self, json_body: bool) -> Vec<(&'static str, String)> {
        let mut headers = Vec::with_capacity(5);
        headers.push(("accept", "application/vnd.github+json".to_owned()));
        if let Some(token) = &self.auth {
            headers.push(("authorization", crate::request::concat(&["Bearer ", token])));
        }
        if let Some(version) = &self.api_version {
            headers.push(("x-github-api-version", version.clone()));
        }
        if let Some(agent) = &self.user_agent {
            headers.push(("user-agent", agent.clone()));
        }
        if json_body {
            headers.push(("content-type", "application/json; charset=utf-8".to_owned()));
        }
        headers
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.base_url)
            .field("auth", &self.auth.as_ref().map(|_| "[REDACTED]"))
            .field("api_version", &self.api_version)
            .field("user_agent", &self.user_agent)
            .field("timeout_ms", &self.timeout_ms)
            .field("policy", &self.policy)
            .field("cache", &self.cache.as_ref().map(|c| c.borrow().len()))
            .finish()
    }
}

/// Builds a [`Client`]; every setting is checked by [`ClientBuilder::build`].
#[must_use]
#[derive(Clone)]
pub struct ClientBuilder {
    base_url: String,
    auth: Option<String>,
    api_version: Option<String>,
    user_agent: String,
    send_user_agent: bool,
    timeout_ms: u64,
    retries: u64,
    max_rate_limit_wait_ms: u64,
    cache_entries: Option<u64>,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            base_url: DEFAULT_BASE_URL.to_owned(),
            auth: None,
            api_version: Some(DEFAULT_API_VERSION.to_owned()),
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            send_user_agent: runtime_allows_user_agent(),
            timeout_ms: u64::from(DEFAULT_TIMEOUT_MS),
            retries: u64::from(RetryPolicy::default().retries),
            max_rate_limit_wait_ms: RetryPolicy::default().max_rate_limit_wait_ms,
            cache_entries: Some(DEFAULT_CACHE_ENTRIES as u64),
        }
    }
}

impl ClientBuilder {
    /// The token, sent as `Authorization: Bearer <token>`.
    pub fn auth(mut self, token: impl Into<String>) -> Self {
        self.auth = Some(token.into());
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
    pub fn build(self) -> Result<Client> {
        let base_url = validate::base_url(&self.base_url)?;
        if let Some(token) = &self.auth {
            validate::token(token)?;
        }
        if let Some(version) = &self.api_version {
            validate::api_version(version)?;
        }
        validate::user_agent(&self.user_agent)?;
        let timeout_ms = validate::timeout_ms(self.timeout_ms)?;
        let policy = RetryPolicy {
            retries: validate::retries(self.retries)?,
            max_rate_limit_wait_ms: validate::max_rate_limit_wait_ms(self.max_rate_limit_wait_ms)?,
        };
        let cache = match self.cache_entries {
            Some(n) => Some(Rc::new(RefCell::new(EtagCache::new(
                validate::cache_entries(n)?,
            )))),
            None => None,
        };
        Ok(Client {
            base_url,
            auth: self.auth,
            api_version: self.api_version,
            user_agent: self.send_user_agent.then_some(self.user_agent),
            timeout_ms,
            policy,
            cache,
        })
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("auth", &self.auth.as_ref().map(|_| "[REDACTED]"))
            .finish_non_exhaustive()
    }
}

/// Whether this runtime lets a request carry our User-Agent: everywhere but a browser.
#[cfg(target_arch = "wasm32")]
fn runtime_allows_user_agent() -> bool {
    !crate::transport::in_browser()
}

/// Whether this runtime lets a request carry our User-Agent: everywhere but a browser.
#[cfg(not(target_arch = "wasm32"))]
fn runtime_allows_user_agent() -> bool {
    true
}
