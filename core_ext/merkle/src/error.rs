//! The one error type of this crate.

use std::fmt;

/// Everything that can go wrong in this crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CoreError {
    /// An argument breaks a documented precondition (wrong hash length, index out of range,
    /// frontier of the wrong size...). The caller has a bug; the message says got/want.
    InvalidArgument(String),
    /// A proof does not verify. The message says why (length, range, root mismatch).
    InvalidProof(String),
}

/// Result alias for this crate.
pub type CoreResult<T> = Result<T, CoreError>;

impl CoreError {
    /// Shorthand for [`CoreError::InvalidArgument`].
    pub fn invalid_argument(msg: impl Into<String>) -> Self {
        Self::InvalidArgument(msg.into())
    }

    /// Shorthand for [`CoreError::InvalidProof`].
    pub fn invalid_proof(msg: impl Into<String>) -> Self {
        Self::InvalidProof(msg.into())
    }
}

impl fmt::Display for CoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidArgument(msg) | Self::InvalidProof(msg) => f.write_str(msg),
        }
    }
}

impl std::error::Error for CoreError {}
