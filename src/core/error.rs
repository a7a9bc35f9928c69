//! The one error type of the crate: its data, its text, and GitHub's error bodies read into it.

use crate::core::body::Body;
use crate::core::json::{Json, Kind};
use crate::core::response::{HttpResponse, RateLimit};
use std::any::Any;
use std::borrow::Cow;
use std::fmt;
use std::rc::Rc;

/// Result of every fallible operation of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong: bad input, GitHub's refusal, the network, time, a bad body.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// Bad input caught before anything was sent.
    Validation {
        /// The parameter or option at fault, as the caller spelled it.
        field: Cow<'static, str>,
        /// What is wrong with it.
        message: Cow<'static, str>,
    },
    /// GitHub answered with a non-2xx status.
    Http(Box<HttpError>),
    /// No response: DNS, refused connection, CORS, reset.
    Network {
        /// What the runtime said, with its error code where it gives one (`ECONNREFUSED`, ...).
        message: String,
        /// The runtime's own error value (in JS, the error `fetch` rejected with).
        cause: Option<Cause>,
    },
    /// An attempt took longer than the client's timeout.
    Timeout {
        /// The timeout that passed, in milliseconds.
        timeout_ms: u32,
    },
    /// The caller's bound on a whole call (`timeoutMs` of a wait) passed first.
    Deadline {
        /// The bound, in milliseconds.
        timeout_ms: u64,
    },
    /// The caller's abort signal fired.
    Abort,
    /// A create whose outcome is unknown: `error` ended it, and whether the status (or
    /// deployment) was created could not be told. Post again only after looking.
    MaybeCreated(Box<Error>),
    /// A 2xx body that is not what the spec says.
    Decode {
        /// HTTP status of the response.
        status: u16,
        /// What did not match.
        message: String,
    },
}

impl Error {
    /// The error's name, as JS sees it in `error.name`.
    pub fn name(&self) -> &'static str {
        match self {
            Error::Validation { .. } => "ValidationError",
            Error::Http(_) => "HttpError",
            Error::Network { .. } => "NetworkError",
            Error::Timeout { .. } | Error::Deadline { .. } => "TimeoutError",
            Error::Abort => "AbortError",
            Error::Decode { .. } => "DecodeError",
            Error::MaybeCreated(error) => error.name(),
        }
    }

    /// HTTP status of the answer, or 0 when none came.
    pub fn status(&self) -> u16 {
        match self {
            Error::Http(e) => e.status,
            Error::Decode { status, .. } => *status,
            Error::MaybeCreated(error) => error.status(),
            _ => 0,
        }
    }

    pub(crate) fn invalid(field: &'static str, message: &'static str) -> Error {
        Error::Validation {
            field: Cow::Borrowed(field),
            message: Cow::Borrowed(message),
        }
    }
}

impl Error {
    /// The human-readable message (also `Display` and the JS `message`).
    pub fn message(&self) -> String {
        match self {
            Error::Validation { field, message } => {
                crate::core::text::concat(&[field.as_ref(), " ", message.as_ref()])
            }
            Error::Http(e) => e.message.clone(),
            Error::Network { message, .. } => {
                crate::core::text::concat(&["network error: ", message])
            }
            Error::Timeout { timeout_ms } => {
                let mut text = "no response within ".to_owned();
                crate::core::text::push_number(&mut text, u64::from(*timeout_ms));
                text.push_str(" ms");
                text
            }
            Error::Deadline { timeout_ms } => {
                let mut text = "timeoutMs (".to_owned();
                crate::core::text::push_number(&mut text, *timeout_ms);
                text.push_str(" ms) passed first");
                text
            }
            Error::Abort => "the request was aborted".to_owned(),
            Error::Decode { message, .. } => {
                crate::core::text::concat(&["unexpected response body: ", message])
            }
            Error::MaybeCreated(error) => crate::core::text::concat(&[
                &error.message(),
                "; it may have been created: look before posting again",
            ]),
        }
    }
}

impl Error {
    /// Whether a create that failed so may still have created what it posted.
    pub fn may_have_been_created(&self) -> bool {
        matches!(self, Error::MaybeCreated(_))
    }

    /// A network failure the runtime described as `message`, with no value of its own to keep.
    pub fn network(message: impl Into<String>) -> Error {
        Error::Network {
            message: message.into(),
            cause: None,
        }
    }
}

/// A runtime's own value that an error keeps for its caller, opaque here; equal only to itself.
#[derive(Clone)]
pub struct Cause(Rc<dyn Any>);

impl Cause {
    /// Keeps `value`.
    pub fn new<T: Any>(value: T) -> Cause {
        Cause(Rc::new(value))
    }

    /// The value, if it is a `T`.
    pub fn get<T: Any>(&self) -> Option<&T> {
        self.0.downcast_ref()
    }
}

impl fmt::Debug for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Cause(..)")
    }
}

impl PartialEq for Cause {
    fn eq(&self, other: &Cause) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for Error {}

/// GitHub's answer to a request it refused.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpError {
    /// HTTP status.
    pub status: u16,
    /// GitHub's message, or the status line when the body has none.
    pub message: String,
    /// GitHub's link to the docs of the operation.
    pub documentation_url: Option<String>,
    /// GitHub's list of field errors (422).
    pub errors: Vec<FieldError>,
    /// What was sent, with the token redacted.
    pub request: RequestSummary,
    /// What came back.
    pub response: HttpResponse,
    /// Rate-limit headers of the answer.
    pub rate_limit: Option<RateLimit>,
}

/// One entry of GitHub's `errors` array in a 422 body.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FieldError {
    /// The resource at fault, e.g. `DeploymentStatus`.
    pub resource: Option<String>,
    /// The field at fault.
    pub field: Option<String>,
    /// What is wrong.
    pub message: Option<String>,
    /// GitHub's error code: `missing`, `invalid`, `custom`, ...
    pub code: String,
}

impl FieldError {
    /// Reads an `errors` entry; GitHub sometimes sends a plain string there.
    fn read<J: Json>(item: &J) -> FieldError {
        if item.kind() == Kind::String {
            return FieldError {
                message: item.string(),
                ..FieldError::default()
            };
        }
        let text = |key| item.field(key).and_then(|v| v.string());
        FieldError {
            resource: text("resource"),
            field: text("field"),
            message: text("message"),
            code: text("code").unwrap_or_default(),
        }
    }
}

/// The request an error belongs to; the authorization header is redacted.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestSummary {
    /// HTTP method.
    pub method: &'static str,
    /// Full URL.
    pub url: String,
    /// Headers as sent, authorization replaced by `[REDACTED]`.
    pub headers: Vec<(&'static str, String)>,
}

impl HttpError {
    /// Builds the error for a non-2xx answer, reading GitHub's error body when there is one.
    pub fn from_response<B: Body>(request: RequestSummary, response: HttpResponse<B>) -> HttpError {
        let parsed = response.body.parse();
        let response = HttpResponse {
            headers: response.body.all_headers().unwrap_or(response.headers),
            body: response.body.to_text(),
            status: response.status,
            url: response.url,
        };
        let text = |key| parsed.as_ref()?.field(key)?.string();
        let message = text("message");
        let documentation_url = text("documentation_url");
        let errors = parsed
            .as_ref()
            .and_then(|body| body.field("errors"))
            .map(|list| list.items().iter().map(FieldError::read).collect())
            .unwrap_or_default();
        HttpError {
            status: response.status,
            message: message.unwrap_or_else(|| fallback_message(response.status).to_owned()),
            documentation_url,
            errors,
            request,
            rate_limit: RateLimit::from_headers(&response.headers),
            response,
        }
    }
}

/// The message of an answer whose body does not say what went wrong.
fn fallback_message(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        410 => "Gone",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Unexpected HTTP status",
    }
}
