//! Validated parameters to plain-data HTTP requests; path segments are percent-encoded.

use crate::core::client::Settings;
use crate::core::error::{RequestSummary, Result};
use crate::core::model::State;
use crate::core::validate;
use std::fmt;

pub use crate::core::text::parse_number;
use crate::core::text::{find_byte, push_number};

/// HTTP methods the operations use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// `GET`.
    Get,
    /// `POST`.
    Post,
    /// `DELETE`.
    Delete,
}

impl Method {
    /// The method as it goes on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Delete => "DELETE",
        }
    }
}

/// A request as plain data, ready for any transport.
#[derive(Clone, PartialEq)]
pub struct HttpRequest {
    /// HTTP method.
    pub method: Method,
    /// Absolute URL.
    pub url: String,
    /// Header names (lower case) and values.
    pub headers: Vec<(&'static str, String)>,
    /// JSON body, for POST.
    pub body: Option<String>,
}

impl HttpRequest {
    /// Method, URL and headers with the authorization value redacted.
    pub fn summary(&self) -> RequestSummary {
        RequestSummary {
            method: self.method.as_str(),
            url: self.url.clone(),
            headers: self
                .headers
                .iter()
                .map(|(name, value)| {
                    let value = if *name == "authorization" {
                        "Bearer [REDACTED]".to_owned()
                    } else {
                        value.clone()
                    };
                    (*name, value)
                })
                .collect(),
        }
    }

    /// The `RequestInit` of `fetch` (method, headers, body) as JSON text: JS builds the whole
    /// object with one `JSON.parse` instead of a crossing per field. Redirects come back to the
    /// engine (`redirect: "manual"`), which follows them within the API only; a browser hides
    /// them, so there a POST refuses any (`"error"`: its body is never replayed elsewhere) and
    /// the engine checks where a GET's answer came from. `browser` also adds `cache: "no-store"`
    /// and leaves out the User-Agent (a browser sends its own).
    pub fn fetch_init(&self, browser: bool) -> String {
        let mut out = String::with_capacity(256);
        out.push_str("{\"method\":\"");
        out.push_str(self.method.as_str());
        out.push_str("\",\"headers\":{");
        let mut first = true;
        for (name, value) in &self.headers {
            if browser && *name == "user-agent" {
                continue;
            }
            if !first {
                out.push(',');
            }
            first = false;
            push_json_string(&mut out, name);
            out.push(':');
            push_json_string(&mut out, value);
        }
        out.push('}');
        if let Some(body) = &self.body {
            push_key(&mut out, "body");
            push_json_string(&mut out, body);
        }
        out.push_str(match (browser, self.method) {
            (false, _) => ",\"redirect\":\"manual\"",
            (true, Method::Get) => "",
            (true, _) => ",\"redirect\":\"error\"",
        });
        if browser {
            out.push_str(",\"cache\":\"no-store\"");
        }
        out.push('}');
        out
    }
}

impl HttpRequest {
    /// A GET of `url` with this request's headers: the next page of a listing.
    pub fn get_at(&self, url: &str) -> HttpRequest {
        HttpRequest {
            method: Method::Get,
            url: url.to_owned(),
            headers: self.headers.clone(),
            body: None,
        }
    }

    /// This request asking for API `version` instead, when it asks for another one.
    pub fn with_api_version(&self, version: &str) -> Option<HttpRequest> {
        let at = self
            .headers
            .iter()
            .position(|(name, value)| *name == "x-github-api-version" && value != version)?;
        let mut versioned = self.clone();
        if let Some((_, value)) = versioned.headers.get_mut(at) {
            version.clone_into(value);
        }
        Some(versioned)
    }
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let summary = self.summary();
        f.debug_struct("HttpRequest")
            .field("method", &summary.method)
            .field("url", &summary.url)
            .field("headers", &summary.headers)
            .field("body", &self.body)
            .finish()
    }
}

/// A repository: `/repos/{owner}/{repo}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepoPath {
    /// Account that owns the repository (case-insensitive).
    pub owner: String,
    /// Repository name, without `.git` (case-insensitive).
    pub repo: String,
}

impl RepoPath {
    /// The validated, percent-encoded URL of the repository, with room for what follows.
    pub(crate) fn url(&self, client: &Settings) -> Result<String> {
        repo_url(client, &self.owner, &self.repo)
    }

    /// The statuses of this repository's deployment `deployment_id`.
    pub fn statuses(&self, deployment_id: u64) -> StatusesPath {
        StatusesPath {
            owner: self.owner.clone(),
            repo: self.repo.clone(),
            deployment_id,
        }
    }
}

/// `{base}/repos/{owner}/{repo}`, after checking both names.
fn repo_url(client: &Settings, owner: &str, repo: &str) -> Result<String> {
    validate::name("owner", owner)?;
    validate::name("repo", repo)?;
    let mut url = String::with_capacity(client.base_url().len() + 64);
    url.push_str(client.base_url());
    url.push_str("/repos/");
    push_segment(&mut url, owner);
    url.push('/');
    push_segment(&mut url, repo);
    Ok(url)
}

/// Where a deployment's statuses live: `/repos/{owner}/{repo}/deployments/{deployment_id}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusesPath {
    /// Account that owns the repository (case-insensitive).
    pub owner: String,
    /// Repository name, without `.git` (case-insensitive).
    pub repo: String,
    /// The deployment's id.
    pub deployment_id: u64,
}

impl StatusesPath {
    /// The validated, percent-encoded URL of the deployment's statuses collection.
    fn url(&self, client: &Settings) -> Result<String> {
        let mut url = repo_url(client, &self.owner, &self.repo)?;
        push_deployment(&mut url, self.deployment_id)?;
        url.push_str("/statuses");
        Ok(url)
    }
}

/// The body of a new deployment status; optional fields are sent only when set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewStatus {
    /// The state to record.
    pub state: State,
    /// Deprecated alias of `log_url`.
    pub target_url: Option<String>,
    /// URL of the deployment's logs; GitHub also sets `target_url` to it.
    pub log_url: Option<String>,
    /// Short description, at most 140 characters.
    pub description: Option<String>,
    /// Environment name, e.g. `production`.
    pub environment: Option<String>,
    /// URL of the deployed environment.
    pub environment_url: Option<String>,
    /// Whether GitHub marks earlier deployments of the environment inactive (its default: true).
    pub auto_inactive: Option<bool>,
}

impl NewStatus {
    /// A status with only its state set.
    pub fn new(state: State) -> NewStatus {
        NewStatus {
            state,
            target_url: None,
            log_url: None,
            description: None,
            environment: None,
            environment_url: None,
            auto_inactive: None,
        }
    }

    /// The JSON body GitHub takes: `state`, then each optional field that is set.
    ///
    /// Written by hand rather than with serde_json: it is the only JSON this crate writes, and the
    /// serializer would cost the npm package more bytes than this whole function.
    pub fn to_json(&self) -> String {
        let mut body = String::with_capacity(64);
        body.push_str("{\"state\":\"");
        body.push_str(self.state.as_str());
        body.push('"');
        let strings = [
            ("target_url", &self.target_url),
            ("log_url", &self.log_url),
            ("description", &self.description),
            ("environment", &self.environment),
            ("environment_url", &self.environment_url),
        ];
        for (name, value) in strings {
            if let Some(value) = value {
                push_key(&mut body, name);
                push_json_string(&mut body, value);
            }
        }
        if let Some(on) = self.auto_inactive {
            push_key(&mut body, "auto_inactive");
            body.push_str(if on { "true" } else { "false" });
        }
        body.push('}');
        body
    }

    fn validate(&self) -> Result<()> {
        let urls = [
            ("target_url", &self.target_url),
            ("log_url", &self.log_url),
            ("environment_url", &self.environment_url),
        ];
        for (field, url) in urls {
            if let Some(url) = url {
                validate::http_url(field, url)?;
            }
        }
        if let Some(description) = &self.description {
            validate::description(description)?;
        }
        Ok(())
    }
}

/// `POST .../statuses`: create a status.
pub fn create(client: &Settings, path: &StatusesPath, status: &NewStatus) -> Result<HttpRequest> {
    let url = path.url(client)?;
    status.validate()?;
    Ok(HttpRequest {
        method: Method::Post,
        url,
        headers: client.headers(true),
        body: Some(status.to_json()),
    })
}

/// `GET .../statuses?per_page=&page=`: one page of a deployment's statuses.
pub fn list(
    client: &Settings,
    path: &StatusesPath,
    per_page: Option<u32>,
    page: Option<u32>,
) -> Result<HttpRequest> {
    let mut url = path.url(client)?;
    push_paging(&mut url, per_page, page)?;
    Ok(get(client, url))
}

/// Appends `/deployments/{id}` after checking the id.
pub(crate) fn push_deployment(url: &mut String, id: u64) -> Result<()> {
    validate::id("deployment_id", id)?;
    url.push_str("/deployments/");
    push_number(url, id);
    Ok(())
}

/// Appends the checked `per_page` and `page` query parameters that are set.
pub(crate) fn push_paging(
    url: &mut String,
    per_page: Option<u32>,
    page: Option<u32>,
) -> Result<()> {
    for (name, value, check) in [
        (
            "per_page",
            per_page,
            validate::per_page as fn(u32) -> Result<()>,
        ),
        ("page", page, validate::page),
    ] {
        if let Some(value) = value {
            check(value)?;
            let mut digits = String::new();
            push_number(&mut digits, u64::from(value));
            push_query(url, name, &digits);
        }
    }
    Ok(())
}

/// Appends `name=value` to the query, `value` percent-encoded.
pub(crate) fn push_query(url: &mut String, name: &str, value: &str) {
    url.push(if find_byte(url, b'?').is_some() {
        '&'
    } else {
        '?'
    });
    url.push_str(name);
    url.push('=');
    push_segment(url, value);
}

/// `GET .../statuses/{status_id}`: one status.
pub fn get_one(client: &Settings, path: &StatusesPath, status_id: u64) -> Result<HttpRequest> {
    let mut url = path.url(client)?;
    validate::id("status_id", status_id)?;
    url.push('/');
    push_number(&mut url, status_id);
    Ok(get(client, url))
}

/// A GET of `url` with the client's headers.
pub(crate) fn get(client: &Settings, url: String) -> HttpRequest {
    HttpRequest {
        method: Method::Get,
        url,
        headers: client.headers(false),
        body: None,
    }
}

/// Appends `segment` percent-encoded so that no character in it can change the path.
///
/// Only `A-Z a-z 0-9 - . _ ~` pass as they are; the segments `.` and `..` are refused by validation.
pub fn push_segment(url: &mut String, segment: &str) {
    let hex = |nibble: u8| hex_digit(u32::from(nibble)).to_ascii_uppercase();
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            url.push(char::from(byte));
        } else {
            url.push('%');
            url.push(hex(byte >> 4));
            url.push(hex(byte & 0x0f));
        }
    }
}

/// Appends `,"name":` to a JSON object being written.
pub(crate) fn push_key(out: &mut String, name: &str) {
    out.push_str(",\"");
    out.push_str(name);
    out.push_str("\":");
}

/// Appends `value` as a JSON string literal; runs that need no escape are copied whole.
pub(crate) fn push_json_string(out: &mut String, value: &str) {
    out.push('"');
    let mut rest = value;
    while let Some(at) = rest
        .bytes()
        .position(|b| b == b'"' || b == b'\\' || b < 0x20)
    {
        out.push_str(rest.get(..at).unwrap_or_default());
        // An ASCII byte, so the character itself.
        let c = char::from(rest.as_bytes().get(at).copied().unwrap_or_default());
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => {
                out.push_str("\\u00");
                out.push(hex_digit(u32::from(c) >> 4));
                out.push(hex_digit(u32::from(c) & 0xf));
            }
        }
        rest = rest.get(at + 1..).unwrap_or_default();
    }
    out.push_str(rest);
    out.push('"');
}

fn hex_digit(nibble: u32) -> char {
    char::from_digit(nibble, 16).unwrap_or('0')
}
