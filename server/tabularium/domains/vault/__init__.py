"""The document vault: encrypted documents, grants, logged access, break glass and erasure."""

NAMESPACE = "vault"
