//! A client's retry settings: how many retries, and the longest rate-limit wait.

/// Retries after a failure, unless the caller picks another number.
pub const DEFAULT_RETRIES: u32 = 2;

/// Longest wait for a rate limit, unless the caller picks another, in milliseconds.
pub const DEFAULT_MAX_RATE_LIMIT_WAIT_MS: u64 = 60_000;

/// The retry settings of a client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub retries: u32,
    /// Longest wait for a rate limit to reset before failing.
    pub max_rate_limit_wait_ms: u64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            retries: DEFAULT_RETRIES,
            max_rate_limit_wait_ms: DEFAULT_MAX_RATE_LIMIT_WAIT_MS,
        }
    }
}
